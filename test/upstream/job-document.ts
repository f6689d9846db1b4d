/**
 * A job as the public API shows it (a Get Job response body), rebuilt from the upstream's rows:
 * the stored document plus the current job state, cancelRequested and driveList with drive states.
 * The changes feed and the admin GET both send exactly this.
 */
import type { DriveRow, JobRow, UpstreamStore } from './upstream-db';

/** Properties the columns own: they are dropped from the stored document and set on the way out. */
export const COLUMN_OWNED_PROPERTIES = ['state', 'cancelRequested', 'driveList'] as const;

type JsonObject = Record<string, unknown>;

function driveEntry(drive: DriveRow): JsonObject {
  const fields = JSON.parse(drive.fieldsJson) as JsonObject;
  return { ...fields, driveId: drive.driveIdRaw, state: drive.state };
}

export function jobDocumentOf(store: UpstreamStore, job: JobRow): JsonObject {
  const stored = JSON.parse(job.documentJson) as JsonObject;
  const storedProperties = (stored.properties ?? {}) as JsonObject;
  // Extra drives were found in a box, not listed by the customer: the public list never shows them.
  const listed = store.listDrives(job.name).filter((drive) => !drive.extra);
  const properties: JsonObject = {
    ...storedProperties,
    state: job.state,
    cancelRequested: job.cancelRequested,
    ...(listed.length > 0 ? { driveList: listed.map(driveEntry) } : {}),
  };
  return { ...stored, name: job.name, properties };
}
