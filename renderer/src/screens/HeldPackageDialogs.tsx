import type { PackageBoardRow } from '../../../shared/rpc/results';
import type { PackageAction } from '../components/PackageBoardTable';

/**
 * A held package to its end: log a contact, release, return to the sender, destroy. Each is the
 * supervisor's desk's own method (docs/receiving-rules.md, "Held packages"); until the desk has
 * them, nothing is offered here.
 */
export function HeldPackageDialogs(_props: {
  readonly row: PackageBoardRow;
  readonly action: Exclude<PackageAction, 'resume' | 'close'>;
  readonly onDone: (text: string) => void;
  readonly onClose: () => void;
}) {
  return null;
}
