import { jobDocument, type TestDesk } from './desk';
/** Where a job is created first, as a customer would: the hub (or a site in front of it). */
interface JobIntake {
  putJob(document: Record<string, unknown>): Promise<void>;
}

/**
 * A realistic day's slice for one job, recorded at the desk: a box checked in, every drive
 * scanned, one scan undone and redone, one drive faulted and resolved, the box closed. Returns how
 * many transitions it recorded. The job is created at the upstream first, as a customer would.
 */
export async function recordJobWork(desk: TestDesk, upstream: JobIntake, name: string, drives: number): Promise<number> {
  const serials = Array.from({ length: drives }, (_, index) => `${name.toUpperCase()}-D${String(index).padStart(3, '0')}`);
  const tracking = `TRK-${name.toUpperCase()}`;
  const document = jobDocument(name, { trackingNumber: tracking, driveCount: drives, drives: serials });
  await upstream.putJob(document);
  await desk.call('jobs.import', { document });
  const before = desk.core.context.store.outbox.counts();
  const { packageId } = await desk.call('packages.checkIn', { trackingNumber: tracking });
  let lastScanId: number | null = null;
  for (const serial of serials) {
    lastScanId = (await desk.call('scans.record', { packageId, code: serial })).scanId;
  }
  if (lastScanId !== null) {
    await desk.call('scans.undo', { scanId: lastScanId });
    await desk.call('scans.record', { packageId, code: serials[serials.length - 1] ?? '' });
  }
  const faulted = serials[0] ?? '';
  await desk.call('drives.transition', { jobId: name, driveId: faulted, to: 'Faulted', reason: 'damagedInShipment' });
  await desk.call('drives.transition', { jobId: name, driveId: faulted, to: 'Received', note: 'label re-read' });
  await desk.call('packages.close', { packageId });
  const after = desk.core.context.store.outbox.counts();
  return after.pending + after.sent + after.held + after.rejected - (before.pending + before.sent + before.held + before.rejected);
}
