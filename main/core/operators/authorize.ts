/**
 * Supervisor actions need a supervisor's badge scanned at that moment (docs/receiving-rules.md,
 * "Roles"). The signed-in operator is who acts; the badge names who confirms; both are recorded.
 * Badges are compared only against their salted scrypt hashes, in constant time.
 */
import { DeskError } from '../../../shared/rpc/envelope';
import { normalizeCode } from '../../../shared/domain/serial';
import { badgeMatches } from '../../db/badge-hash';
import type { OperatorRole, OperatorRow } from '../../db/operators-repository';
import type { CoreContext } from '../context';

/** The operator whose badge this is, among those with `role` (any role when left out). */
export async function findOperatorByBadge(context: CoreContext, badge: string, role?: OperatorRole): Promise<OperatorRow | undefined> {
  const code = normalizeCode(badge);
  const candidates = context.store.operators.listWithBadges().filter((row) => role === undefined || row.role === role);
  // Every candidate is checked, in parallel on the thread pool: the time does not say which one matched.
  const matches = await Promise.all(candidates.map((row) => badgeMatches(code, row.badgeHash as string)));
  return candidates.find((_row, index) => matches[index] === true);
}

export interface SupervisorCheck {
  /** The supervisor who confirmed, or null when the desk has no supervisor yet and the action allows that. */
  readonly confirmedBy: string | null;
}

/**
 * Irreversible actions (destroy, purge, close unanswered, overrule the desk's record) always need a
 * supervisor's badge. Configuration (printers, the upstream, operators, the demo set) needs one once
 * the desk has a supervisor: before that, the desk is being set up.
 */
export type SupervisorAction =
  | { readonly kind: 'irreversible'; readonly name: string }
  | { readonly kind: 'configuration'; readonly name: string };

export async function requireSupervisor(context: CoreContext, badge: string | undefined, action: SupervisorAction): Promise<SupervisorCheck> {
  if (action.kind === 'configuration' && context.store.operators.countSupervisors() === 0) return { confirmedBy: null };
  if (badge === undefined || badge.trim() === '') {
    throw new DeskError('forbidden', `supervisorBadge: ${action.name} is a supervisor action: scan a supervisor's badge to confirm it.`, { action: action.name }, {
      key: 'supervisorBadgeRequired',
      params: { action: action.name },
    });
  }
  if (context.store.operators.countSupervisors() === 0) {
    throw new DeskError('forbidden', `supervisorBadge: this desk has no supervisor yet: add one with a badge in Settings → Operators before ${action.name}.`, { action: action.name }, {
      key: 'supervisorNoneOnFile',
      params: { action: action.name },
    });
  }
  const supervisor = await findOperatorByBadge(context, badge, 'supervisor');
  if (supervisor === undefined) {
    const someone = await findOperatorByBadge(context, badge, 'operator');
    throw someone === undefined
      ? new DeskError('forbidden', 'supervisorBadge: that badge belongs to no supervisor of this desk.', { action: action.name }, { key: 'supervisorBadgeUnknown' })
      : new DeskError('forbidden', `supervisorBadge: ${someone.name} is an operator, not a supervisor: ${action.name} needs a supervisor's badge.`, { action: action.name }, {
          key: 'supervisorBadgeNotSupervisor',
          params: { operator: someone.name, action: action.name },
        });
  }
  return { confirmedBy: supervisor.name };
}

/** The supervisor who validates a destruction must be a second person, not the one performing it. */
export function requireSecondPerson(performedBy: string, confirmedBy: string): void {
  if (performedBy === confirmedBy) {
    throw new DeskError(
      'forbidden',
      `supervisorBadge: ${confirmedBy} is signed in and performing the destruction; a second person validates it: another supervisor scans their badge.`,
      undefined,
      { key: 'supervisorSecondPerson', params: { operator: confirmedBy } },
    );
  }
}
