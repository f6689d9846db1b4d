/**
 * The reference service's admin routes (docs/sync-protocol.md, "Reference service only"): what the
 * customer and operations do upstream, so tests can set a scene and read what the upstream applied.
 * Admin routes are never subject to faults: a test must be able to set up and inspect while the
 * protocol routes misbehave.
 */
import { z } from 'zod';
import { jobDocumentSchema, type JobDocument } from '../../main/core/import/job-document-schema';
import { checkScanCode, normalizeCode } from '../../shared/domain/serial';
import { describeIssues } from '../../shared/rpc/describe-issues';
import { MAX_TEXT_FIELD_LENGTH } from '../../shared/rpc/limits';
import { faultSwitchesPatchSchema, type FaultInjector } from './faults';
import { COLUMN_OWNED_PROPERTIES, jobDocumentOf } from './job-document';
import { failure, ok, type Reply } from './reply';
import type { DriveRow, UpstreamStore } from './upstream-db';

export const ADMIN_PREFIX = '/v1/admin/';

const DEFAULT_JOB_STATE = 'Creating';
const DEFAULT_DRIVE_STATE = 'Specified';
const FAULTED = 'Faulted';

const stateBodySchema = z.strictObject({ state: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH) });

export interface AdminRequest {
  readonly method: string;
  /** Path segments after /v1/admin/, URL-decoded. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
}

interface Placed {
  readonly state: string;
  readonly faultedFrom: string | null;
  readonly lastClientId: string | null;
}

/**
 * A state set from outside the protocol (the customer's document, operations). Faulted remembers
 * what it left, so a desk can still resolve it; any change ends the undo window of the last desk move.
 */
function placeState(current: Placed | undefined, to: string): Placed {
  if (current !== undefined && current.state === to) {
    return { state: current.state, faultedFrom: current.faultedFrom, lastClientId: current.lastClientId };
  }
  const faultedFrom = to === FAULTED ? (current?.state === undefined || current.state === FAULTED ? null : current.state) : null;
  return { state: to, faultedFrom, lastClientId: null };
}

function driveView(drive: DriveRow) {
  return {
    jobName: drive.jobName,
    serial: drive.serial,
    driveId: drive.driveIdRaw,
    state: drive.state,
    faultedFrom: drive.faultedFrom,
    extra: drive.extra,
  };
}

function storedDocument(name: string, document: JobDocument): string {
  const properties: Record<string, unknown> = { ...document.properties };
  for (const key of COLUMN_OWNED_PROPERTIES) delete properties[key];
  return JSON.stringify({ ...document, name, properties });
}

export class AdminApi {
  constructor(
    private readonly store: UpstreamStore,
    private readonly faults: FaultInjector,
  ) {}

  handle(request: AdminRequest): Reply {
    const { method, segments } = request;
    const [first, name, third, serial, fifth] = segments;
    if (first === 'jobs' && name !== undefined) {
      if (segments.length === 2 && method === 'PUT') return this.putJob(name, request.body);
      if (segments.length === 2 && method === 'GET') return this.getJob(name);
      if (segments.length === 3 && third === 'state' && method === 'POST') return this.setJobState(name, request.body);
      if (segments.length === 3 && third === 'drives' && method === 'GET') return this.listDrives(name);
      if (segments.length === 5 && third === 'drives' && serial !== undefined && fifth === 'state' && method === 'POST') {
        return this.setDriveState(name, serial, request.body);
      }
    }
    if (segments.length === 1 && first === 'transitions' && method === 'GET') {
      return ok({ value: this.store.listApplied(request.query.get('deskId')) });
    }
    if (segments.length === 1 && first === 'rejections' && method === 'GET') {
      return ok({ value: this.store.listRejected(request.query.get('deskId')) });
    }
    if (segments.length === 1 && first === 'faults') {
      if (method === 'GET') return this.faultsView();
      if (method === 'POST') return this.setFaults(request.body);
      if (method === 'DELETE') {
        this.faults.reset();
        return this.faultsView();
      }
    }
    return failure(404, `no admin route ${method} ${ADMIN_PREFIX}${segments.join('/')}`);
  }

  /** Create or replace a job from a Get Job body. Listed drives take the document's state; others are kept. */
  private putJob(name: string, body: unknown): Reply {
    if (name.length === 0 || name.length > MAX_TEXT_FIELD_LENGTH) return failure(400, 'the job name must be 1 to 200 characters');
    const parsed = jobDocumentSchema.safeParse(body);
    if (!parsed.success) return failure(400, describeIssues(parsed.error));
    const document = parsed.data;
    const listed = document.properties.driveList ?? [];
    const serials = new Set<string>();
    for (const [index, drive] of listed.entries()) {
      const check = checkScanCode(drive.driveId);
      const field = `properties.driveList[${index}].driveId`;
      if (!check.ok) return failure(400, `${field}: "${drive.driveId}" is not a drive serial (${check.reason})`);
      if (serials.has(check.serial)) return failure(400, `${field}: serial ${check.serial} is listed twice`);
      serials.add(check.serial);
    }
    const outcome = this.store.transaction(() => {
      const existing = this.store.findJob(name);
      const givenState = document.properties.state === undefined || document.properties.state === '' ? null : document.properties.state;
      // A replacement without a state keeps the upstream's: the customer's PATCH-like update does not move the job.
      const job = placeState(existing, givenState ?? existing?.state ?? DEFAULT_JOB_STATE);
      const written = this.store.writeJob({
        name,
        // The body as sent (it passed the schema): the stored document keeps the customer's field order.
        documentJson: storedDocument(name, body as JobDocument),
        ...job,
        cancelRequested: document.properties.cancelRequested ?? existing?.cancelRequested ?? false,
      });
      listed.forEach((drive, position) => {
        const serial = normalizeCode(drive.driveId);
        const current = this.store.findDrive(name, serial);
        const givenDriveState = drive.state === undefined || drive.state === '' ? null : drive.state;
        const fields: Record<string, unknown> = { ...drive };
        delete fields.driveId;
        delete fields.state;
        this.store.writeDrive({
          jobName: name,
          serial,
          driveIdRaw: drive.driveId,
          ...placeState(current, givenDriveState ?? current?.state ?? DEFAULT_DRIVE_STATE),
          // Listed by the customer: no longer an extra drive, whoever found it first.
          extra: false,
          position,
          fieldsJson: JSON.stringify(fields),
        });
      });
      return written;
    });
    return ok(this.documentOf(name), outcome === 'created' ? 201 : 200);
  }

  private getJob(name: string): Reply {
    return this.store.findJob(name) === undefined ? failure(404, `job ${name} is not known`) : ok(this.documentOf(name));
  }

  private listDrives(name: string): Reply {
    if (this.store.findJob(name) === undefined) return failure(404, `job ${name} is not known`);
    return ok({ value: this.store.listDrives(name).map(driveView) });
  }

  /** Moves a job as the customer would: no state machine, the upstream is the authority. */
  private setJobState(name: string, body: unknown): Reply {
    const parsed = stateBodySchema.safeParse(body);
    if (!parsed.success) return failure(400, describeIssues(parsed.error));
    const found = this.store.transaction(() => {
      const job = this.store.findJob(name);
      if (job === undefined) return false;
      const placed = placeState(job, parsed.data.state);
      this.store.setJobState(name, placed.state, placed.faultedFrom, placed.lastClientId);
      this.store.markJobChanged(name);
      return true;
    });
    return found ? ok(this.documentOf(name)) : failure(404, `job ${name} is not known`);
  }

  /** Moves a drive as operations would (e.g. to make a desk's next transition be rejected). */
  private setDriveState(name: string, rawSerial: string, body: unknown): Reply {
    const parsed = stateBodySchema.safeParse(body);
    if (!parsed.success) return failure(400, describeIssues(parsed.error));
    const serial = normalizeCode(rawSerial);
    const drive = this.store.transaction(() => {
      const current = this.store.findDrive(name, serial);
      if (current === undefined) return undefined;
      const placed = placeState(current, parsed.data.state);
      this.store.setDriveState(name, serial, placed.state, placed.faultedFrom, placed.lastClientId);
      this.store.markJobChanged(name);
      return this.store.findDrive(name, serial);
    });
    return drive === undefined ? failure(404, `drive ${serial} is not on job ${name}`) : ok(driveView(drive));
  }

  private setFaults(body: unknown): Reply {
    const parsed = faultSwitchesPatchSchema.safeParse(body);
    if (!parsed.success) return failure(400, describeIssues(parsed.error));
    this.faults.set(parsed.data);
    return this.faultsView();
  }

  private faultsView(): Reply {
    return ok({ switches: this.faults.switches, fired: this.faults.fired });
  }

  private documentOf(name: string): unknown {
    const job = this.store.findJob(name);
    return job === undefined ? null : jobDocumentOf(this.store, job);
  }
}
