import type { PackageBoardRow } from '../../../shared/rpc/results';
import type { PackageAction } from '../components/PackageBoardTable';
import { HeldPackageDialog } from '../components/HeldPackageActions';

/**
 * A held package to its end from the packages board: log a contact, release, return to the sender,
 * destroy (docs/receiving-rules.md, "Held packages, to their end"), through the same dialogs as
 * Deadlines, each saying what will happen first.
 */
export function HeldPackageDialogs({
  row,
  action,
  onDone,
  onClose,
}: {
  readonly row: PackageBoardRow;
  readonly action: Exclude<PackageAction, 'resume' | 'close'>;
  readonly onDone: (text: string) => void;
  readonly onClose: () => void;
}) {
  // From day 14 a return needs no customer's request: the board says so by the next step.
  const returnDue = row.nextStep === 'returnDrives' || row.nextStep === 'destroyDrives';
  return (
    <HeldPackageDialog
      target={{ packageId: row.package.id, trackingNumber: row.package.trackingNumber, jobId: row.package.jobId, returnDue }}
      action={action}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
