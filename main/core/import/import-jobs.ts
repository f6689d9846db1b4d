import { z } from 'zod';
import { DeskError, type ErrorText } from '../../../shared/rpc/envelope';
import { describeIssues, issuesText } from '../../../shared/rpc/describe-issues';
import { checkScanCode, echoCode, normalizeCode } from '../../../shared/domain/serial';
import { EXPORT_JOB, IMPORT_JOB, KNOWN_JOB_STATES, isKnownJobState } from '../../../shared/domain/job-states';
import { KNOWN_DRIVE_STATES, isKnownDriveState } from '../../../shared/domain/drive-states';
import { checkJsonLimits, describeJsonLimit } from '../../../shared/rpc/json-limits';
import {
  JOB_RESOURCE_TYPE,
  checkProjectedDocument,
  projectJobDocument,
  type ProjectedDrive,
  type ProjectedJobDocument,
} from '../../../shared/domain/job-document';
import type { ImportResult, ImportedJob } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveDocumentFields } from '../../db/drives-repository';
import type { JobUpsert } from '../../db/jobs-repository';
import { outboxSubject } from '../../db/transitions-repository';
import type { CoreContext } from '../context';
import { chunksOf, yieldToScans } from '../yield';
import { LOCATION_RESOURCE_TYPE, jobDocumentSchema, locationDocumentSchema, type LocationDocument } from './job-document-schema';

export const SITE_ADDRESS_SETTING = 'site.address';
/** A list document larger than this is refused before any work: split it. */
export const MAX_JOBS_PER_IMPORT = 20_000;
/** Jobs written per transaction: a scan waits behind one chunk at most (docs/performance.md). */
export const IMPORT_CHUNK_JOBS = 250;
/** Longest piece of a JSON parser's complaint shown: it may quote the document. */
const MAX_SHOWN_PARSE_ERROR = 80;

/**
 * Where a document comes from. A file is checked strictly: a state the desk does not know is
 * refused with the known ones named. The upstream is the record of what exists: an unknown state
 * from it is kept and shown (DESIGN §1).
 */
export type DocumentOrigin = 'file' | 'upstream';

export interface ParsedJob {
  /** The allow-listed projection: all the desk ever stores of the document. */
  readonly document: ProjectedJobDocument;
  readonly name: string;
  readonly path: string;
}

const EXPECTED = 'expected a Get Job response body ({name, properties: {…}}), a List Jobs body ({value: […]}) or a Location';

function at(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function refuse(message: string, text: ErrorText): never {
  throw new DeskError('invalid_document', message, undefined, text);
}

function parseDocumentText(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document) as unknown;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_SHOWN_PARSE_ERROR);
    refuse(`document: not valid JSON (${reason}); ${EXPECTED}`, { key: 'documentNotJson' });
  }
  // JSON text arrives unchecked by the dispatcher's limits: checked here, before anything reads it.
  const limit = checkJsonLimits(parsed, 'document');
  if (limit !== null) {
    refuse(describeJsonLimit(limit), limit.kind === 'depth' ? { key: 'requestTooDeep', params: { limit: limit.limit } } : { key: 'requestTooManyValues', params: { limit: limit.limit } });
  }
  return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses what is no job document at all, saying what was expected instead of a schema path. */
function refuseNotAJob(raw: unknown, path: string): void {
  const field = path === '' ? 'document' : path;
  if (!isObject(raw) || !isObject(raw.properties)) {
    refuse(`${field}: this is not a job document: ${EXPECTED}`, { key: 'documentNotJobDocument', params: { field } });
  }
  const type = (raw as Record<string, unknown>).type;
  if (type !== undefined && type !== JOB_RESOURCE_TYPE) {
    const shown = echoCode(String(type));
    refuse(`${field}: this is a ${shown}, not a job document: ${EXPECTED}`, { key: 'documentWrongType', params: { field, type: shown } });
  }
}

function refuseUnknownState(field: string, state: string, known: readonly string[]): never {
  refuse(`${field}: ${echoCode(state)} is not a state the desk knows; known states: ${known.join(', ')}`, {
    key: 'documentUnknownState',
    params: { field, state: echoCode(state), known: known.join(', ') },
  });
}

function checkStates(document: ProjectedJobDocument, path: string): void {
  const state = document.properties.state;
  if (state !== undefined && state !== '' && !isKnownJobState(state)) refuseUnknownState(at(path, 'properties.state'), state, KNOWN_JOB_STATES);
  (document.properties.driveList ?? []).forEach((drive, index) => {
    if (drive.state !== undefined && drive.state !== '' && !isKnownDriveState(drive.state)) {
      refuseUnknownState(at(path, `properties.driveList[${index}].state`), drive.state, KNOWN_DRIVE_STATES);
    }
  });
}

function parseJob(raw: unknown, path: string, fallbackName: string | undefined, origin: DocumentOrigin): ParsedJob {
  refuseNotAJob(raw, path);
  const parsed = jobDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new DeskError('invalid_document', describeIssues(parsed.error, path), undefined, issuesText(parsed.error, raw, path));
  const document = projectJobDocument(parsed.data);
  const problem = checkProjectedDocument(document);
  if (problem !== null) {
    const field = at(path, problem.field);
    refuse(`${field}: ${problem.message}`, { key: problem.key, params: { ...problem.params, field } });
  }
  if (origin === 'file') checkStates(document, path);
  const name = document.name ?? fallbackName;
  if (name === undefined) {
    refuse(`${at(path, 'name')}: the job has no name; pass jobName with a Put Job request body`, { key: 'jobWithoutName', params: { field: at(path, 'name') } });
  }
  const seen = new Set<string>();
  (document.properties.driveList ?? []).forEach((drive, index) => {
    const field = at(path, `properties.driveList[${index}].driveId`);
    const check = checkScanCode(drive.driveId);
    if (!check.ok) {
      refuse(`${field}: ${echoCode(drive.driveId)} is not a drive serial (${check.reason})`, { key: 'documentSerialInvalid', params: { field, serial: echoCode(drive.driveId) } });
    }
    if (seen.has(check.serial)) refuse(`${field}: serial ${check.serial} is listed twice`, { key: 'documentSerialTwice', params: { field, serial: check.serial } });
    seen.add(check.serial);
  });
  return { document, name, path };
}

function jobTypeOf(document: ProjectedJobDocument): string {
  if (document.properties.jobType !== undefined && document.properties.jobType !== '') return document.properties.jobType;
  // The API sets no enum and no default; a job without drives listed can only be an export.
  return (document.properties.driveList?.length ?? 0) > 0 ? IMPORT_JOB : EXPORT_JOB;
}

function toUpsert(job: ParsedJob, at: string, isDemo: boolean): JobUpsert {
  const { properties } = job.document;
  const delivery = properties.deliveryPackage;
  return {
    name: job.name,
    armId: job.document.id ?? null,
    jobType: jobTypeOf(job.document),
    state: properties.state !== undefined && properties.state !== '' ? properties.state : 'Creating',
    cancelRequested: properties.cancelRequested ?? false,
    location: job.document.location ?? null,
    trackingNumber: delivery === undefined ? null : normalizeCode(delivery.trackingNumber),
    carrierName: delivery?.carrierName ?? null,
    declaredDriveCount: delivery?.driveCount ?? null,
    shipDateRaw: delivery?.shipDate ?? null,
    // Only the allow-listed projection is ever written (docs/reliability.md, "BitLocker keys").
    documentJson: JSON.stringify(job.document),
    isDemo,
    at,
  };
}

function driveFields(drive: ProjectedDrive): DriveDocumentFields {
  return {
    manifestFile: drive.manifestFile ?? null,
    manifestHash: drive.manifestHash ?? null,
    driveHeaderHash: drive.driveHeaderHash ?? null,
    copyStatus: drive.copyStatus ?? null,
    percentComplete: drive.percentComplete ?? null,
  };
}

/**
 * Writes one job and its drives. A drive or job with moves the upstream has not yet accepted keeps
 * its local state (offline-first): the desk's record wins until the upstream has judged it.
 */
function storeJob(context: CoreContext, job: ParsedJob, isDemo: boolean): ImportedJob {
  const { store } = context;
  const at = context.clock.now().toISOString();
  const upsert = toUpsert(job, at, isDemo);
  const existing = store.jobs.findByName(job.name);
  let jobRowId: number;
  if (existing === undefined) {
    jobRowId = store.jobs.insert(upsert);
  } else {
    jobRowId = existing.rowId;
    const unsent = store.outbox.hasUnsent(outboxSubject({ entity: 'job', jobRowId, driveRowId: null }));
    store.jobs.update(jobRowId, unsent ? { ...upsert, state: existing.state } : upsert);
  }
  const drives = job.document.properties.driveList ?? [];
  for (const drive of drives) {
    const serial = normalizeCode(drive.driveId);
    const state = drive.state !== undefined && drive.state !== '' ? drive.state : 'Specified';
    const current = store.drives.findInJob(jobRowId, serial);
    if (current === undefined) {
      store.drives.insert({ jobRowId, serial, serialAsWritten: drive.driveId, state, isExtra: false, packageId: null, ...driveFields(drive) });
    } else {
      store.drives.updateDocumentFields(current.rowId, drive.driveId, driveFields(drive));
      if (current.state !== state && !store.outbox.hasUnsent(outboxSubject({ entity: 'drive', jobRowId, driveRowId: current.rowId }))) {
        store.drives.setState(current.rowId, state, null, null);
      }
    }
  }
  return { id: job.name, created: existing === undefined, driveCount: drives.length };
}

function parseLocation(raw: unknown, path: string): LocationDocument {
  const parsed = locationDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new DeskError('invalid_document', describeIssues(parsed.error, path), undefined, issuesText(parsed.error, raw, path));
  return parsed.data;
}

/** A Location document, or the one a List Locations body names as this site: the site's address, never a job. */
function importLocations(context: CoreContext, locations: readonly LocationDocument[], chosen: string | undefined): ImportResult {
  const names = locations.map((location) => location.name);
  let site: LocationDocument | undefined;
  if (chosen !== undefined) {
    site = locations.find((location) => location.name === chosen || location.id === chosen);
    if (site === undefined) {
      refuse(`siteLocation: ${echoCode(chosen)} is none of the locations in the document (${names.join(', ')})`, {
        key: 'documentLocationNotInList',
        params: { location: echoCode(chosen), locations: names.join(', ') },
      });
    }
  } else if (locations.length === 1) {
    site = locations[0];
  } else {
    refuse(`document: a list of ${locations.length} locations (${names.join(', ')}); say which one is this site with siteLocation`, {
      key: 'documentLocationChoose',
      params: { count: locations.length, locations: names.join(', ') },
    });
  }
  const address = site as LocationDocument;
  context.store.transaction(() => {
    context.store.settings.set(SITE_ADDRESS_SETTING, JSON.stringify({ name: address.name, ...address.properties }));
  });
  return { jobs: [], siteAddressUpdated: true, siteLocation: address.name };
}

const isLocation = (value: unknown): boolean => isObject(value) && value.type === LOCATION_RESOURCE_TYPE;

/** What a document holds, checked before anything is written. */
type Checked = { kind: 'jobs'; jobs: ParsedJob[] } | { kind: 'locations'; locations: LocationDocument[] };

async function checkDocument(params: MethodParams<'jobs.import'>): Promise<Checked> {
  const document = parseDocumentText(params.document);
  if (!isObject(document)) refuse(`document: this is not a job document: ${EXPECTED}`, { key: 'documentNotJobDocument', params: { field: 'document' } });
  if (isLocation(document)) return { kind: 'locations', locations: [parseLocation(document, '')] };
  if ('value' in document) {
    const list = z.array(z.unknown()).max(MAX_JOBS_PER_IMPORT).safeParse(document.value);
    if (!list.success) throw new DeskError('invalid_document', describeIssues(list.error, 'value'), undefined, issuesText(list.error, document.value, 'value'));
    const locations = list.data.filter(isLocation);
    if (locations.length > 0) {
      if (locations.length !== list.data.length) {
        refuse('document: the list mixes locations and job documents; import them apart', { key: 'documentMixedList' });
      }
      return { kind: 'locations', locations: list.data.map((raw, index) => parseLocation(raw, `value[${index}]`)) };
    }
    // Checked a chunk at a time with scans let in between: checking 10,000 documents at once held
    // every scan behind it for seconds (docs/performance.md).
    const jobs: ParsedJob[] = [];
    for (const [index, chunk] of chunksOf(list.data, IMPORT_CHUNK_JOBS).entries()) {
      if (index > 0) await yieldToScans();
      const offset = index * IMPORT_CHUNK_JOBS;
      jobs.push(...chunk.map((raw, inChunk) => parseJob(raw, `value[${offset + inChunk}]`, undefined, 'file')));
    }
    refuseRepeatedNames(jobs);
    return { kind: 'jobs', jobs };
  }
  const jobs = [parseJob(document, '', params.jobName, 'file')];
  return { kind: 'jobs', jobs };
}

/**
 * `jobs.import` from a file: every job is checked before anything is written, so a bad job anywhere
 * changes nothing; then the jobs are written a chunk per transaction, with scans let in between.
 */
export async function importJobs(context: CoreContext, params: MethodParams<'jobs.import'>): Promise<ImportResult> {
  const checked = await checkDocument(params);
  if (checked.kind === 'locations') return importLocations(context, checked.locations, params.siteLocation);
  const imported: ImportedJob[] = [];
  const chunks = chunksOf(checked.jobs, IMPORT_CHUNK_JOBS);
  for (const [index, chunk] of chunks.entries()) {
    imported.push(...context.store.transaction(() => chunk.map((job) => storeJob(context, job, false))));
    if (index < chunks.length - 1) await yieldToScans();
  }
  return { jobs: imported, siteAddressUpdated: false, siteLocation: null };
}

/** The demo set, at a new desk's first start: small, in one transaction. */
export function importDemoJobs(context: CoreContext, document: { readonly value: readonly unknown[] }): ImportResult {
  const jobs = document.value.map((raw, index) => parseJob(raw, `value[${index}]`, undefined, 'file'));
  refuseRepeatedNames(jobs);
  const imported = context.store.transaction(() => jobs.map((job) => storeJob(context, job, true)));
  return { jobs: imported, siteAddressUpdated: false, siteLocation: null };
}

function refuseRepeatedNames(jobs: readonly ParsedJob[]): void {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) {
      refuse(`${at(job.path, 'name')}: job ${job.name} appears twice`, { key: 'documentJobTwice', params: { job: job.name } });
    }
    names.add(job.name);
  }
}

/**
 * Checks a page of job documents from the upstream as an import does, but keeps a state the desk
 * does not know (the upstream may add states: kept, shown, scannable). A bad document anywhere
 * refuses the whole page before anything is written.
 */
export function parseJobDocuments(documents: readonly unknown[], path: string): ParsedJob[] {
  const jobs = documents.map((raw, index) => parseJob(raw, `${path}[${index}]`, undefined, 'upstream'));
  refuseRepeatedNames(jobs);
  return jobs;
}

/** Checks one document of an upstream page; `path` names it in errors (`value[3]`). */
export function parseJobDocument(document: unknown, path: string): ParsedJob {
  return parseJob(document, path, undefined, 'upstream');
}

/** Writes checked job documents; the caller holds the transaction (a pull also moves its cursor in it). */
export function storeJobDocuments(context: CoreContext, jobs: readonly ParsedJob[]): ImportedJob[] {
  return jobs.map((job) => storeJob(context, job, false));
}
