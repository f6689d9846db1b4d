import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode } from '../../../shared/domain/serial';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { OperatorInfo, DeskSettings } from '../../../shared/rpc/results';
import { hashBadge } from '../../db/badge-hash';
import type { CoreContext } from '../context';
import type { SecretStore } from '../sync/secret-store';
import { readSettings, writeSettings } from '../settings';
import { findOperatorByBadge, requireSupervisor } from './authorize';

export function listOperators(context: CoreContext): { operators: OperatorInfo[] } {
  return {
    operators: context.store.operators.list().map((row) => ({
      name: row.name,
      hasBadge: row.badgeHash !== null,
      role: row.role,
      title: row.title,
      phone: row.phone,
    })),
  };
}

/**
 * Adds or updates an operator. Badges are scanned like serials (the same normalisation, so a badge
 * reads whatever the scanner adds) and stored only as a salted scrypt hash. Once the desk has a
 * supervisor, saving or removing operators is a supervisor action.
 */
export async function saveOperator(context: CoreContext, params: MethodParams<'operators.save'>): Promise<{ operators: OperatorInfo[] }> {
  await requireSupervisor(context, params.supervisorBadge, { kind: 'configuration', name: 'operators.save' });
  const badge = params.badge === undefined || params.badge === '' ? null : normalizeCode(params.badge);
  let badgeHash: string | null | undefined;
  if (badge !== null) {
    const holder = await findOperatorByBadge(context, badge);
    if (holder !== undefined && holder.name !== params.name) {
      throw new DeskError('conflict', `badge: that badge already signs in ${holder.name}`, undefined, { key: 'badgeTaken', params: { operator: holder.name } });
    }
    badgeHash = await hashBadge(badge);
  } else if (params.badge === '') {
    badgeHash = null;
  }
  context.store.transaction(() => {
    const existing = context.store.operators.findByName(params.name);
    context.store.operators.save(
      {
        name: params.name,
        role: params.role ?? existing?.role ?? 'operator',
        badgeHash: badgeHash === undefined ? (existing?.badgeHash ?? null) : badgeHash,
        title: params.title === undefined ? (existing?.title ?? null) : params.title === '' ? null : params.title,
        phone: params.phone === undefined ? (existing?.phone ?? null) : params.phone === '' ? null : params.phone,
      },
      context.clock.now().toISOString(),
    );
  });
  return listOperators(context);
}

export async function removeOperator(context: CoreContext, params: MethodParams<'operators.remove'>): Promise<{ operators: OperatorInfo[] }> {
  await requireSupervisor(context, params.supervisorBadge, { kind: 'configuration', name: 'operators.remove' });
  const removed = context.store.transaction(() => context.store.operators.remove(params.name));
  if (!removed) throw new DeskError('not_found', `name: no operator named ${params.name}`, undefined, { key: 'operatorNotFound', params: { operator: params.name } });
  return listOperators(context);
}

/**
 * Signs an operator in by badge or by name: from now on every transition carries that name, and a
 * new shift session starts (the previous one ends).
 */
export async function signIn(context: CoreContext, secrets: SecretStore, params: MethodParams<'operators.signIn'>): Promise<DeskSettings> {
  const operator = 'badge' in params ? await findOperatorByBadge(context, params.badge) : context.store.operators.findByName(params.name);
  if (operator === undefined) {
    throw new DeskError(
      'not_found',
      'badge' in params ? 'That badge belongs to no operator of this desk.' : `name: no operator named ${params.name}`,
      undefined,
      'badge' in params ? { key: 'badgeUnknown' } : { key: 'operatorNotFound', params: { operator: params.name } },
    );
  }
  writeSettings(context.store, secrets, { operator: operator.name }, context.clock.now());
  context.settingsChanged();
  return readSettings(context.store, secrets, context.clock.now());
}
