import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode } from '../../../shared/domain/serial';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { OperatorInfo, DeskSettings } from '../../../shared/rpc/results';
import type { CoreContext } from '../context';
import type { SecretStore } from '../sync/secret-store';
import { readSettings, writeSettings } from '../settings';

export function listOperators(context: CoreContext): { operators: OperatorInfo[] } {
  return { operators: context.store.operators.list().map((row) => ({ name: row.name, hasBadge: row.badge !== null })) };
}

/** Badges are scanned like serials: the same normalisation, so a badge reads whatever the scanner adds. */
export function saveOperator(context: CoreContext, params: MethodParams<'operators.save'>): { operators: OperatorInfo[] } {
  const badge = params.badge === undefined || params.badge === '' ? null : normalizeCode(params.badge);
  context.store.transaction(() => {
    if (badge !== null) {
      const holder = context.store.operators.findByBadge(badge);
      if (holder !== undefined && holder.name !== params.name) {
        throw new DeskError('conflict', `badge: that badge already signs in ${holder.name}`, undefined, { key: 'badgeTaken', params: { operator: holder.name } });
      }
    }
    const existing = context.store.operators.findByName(params.name);
    context.store.operators.save({ name: params.name, badge: params.badge === undefined ? (existing?.badge ?? null) : badge }, context.clock.now().toISOString());
  });
  return listOperators(context);
}

export function removeOperator(context: CoreContext, params: MethodParams<'operators.remove'>): { operators: OperatorInfo[] } {
  const removed = context.store.transaction(() => context.store.operators.remove(params.name));
  if (!removed) throw new DeskError('not_found', `name: no operator named ${params.name}`, undefined, { key: 'operatorNotFound', params: { operator: params.name } });
  return listOperators(context);
}

/** Signs an operator in by badge or by name: from now on every transition carries that name. */
export function signIn(context: CoreContext, secrets: SecretStore, params: MethodParams<'operators.signIn'>): DeskSettings {
  const operator =
    'badge' in params ? context.store.operators.findByBadge(normalizeCode(params.badge)) : context.store.operators.findByName(params.name);
  if (operator === undefined) {
    throw new DeskError(
      'not_found',
      'badge' in params ? 'That badge belongs to no operator of this desk.' : `name: no operator named ${params.name}`,
      undefined,
      'badge' in params ? { key: 'badgeUnknown' } : { key: 'operatorNotFound', params: { operator: params.name } },
    );
  }
  writeSettings(context.store, secrets, { operator: operator.name });
  context.settingsChanged();
  return readSettings(context.store, secrets);
}
