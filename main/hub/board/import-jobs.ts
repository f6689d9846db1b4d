/**
 * Job documents taken in from the board (as at the desk, docs/site-board.md): a Get Job
 * response body with its name, or a List Jobs body `{ value: [...] }`. Every job is checked before
 * any is stored, and a refusal names the field with the same catalogue texts the desk uses, so the
 * supervisor reads it in their language. The hub's own intake then stores them and tells the desks.
 */
import { z } from 'zod';
import { jobDocumentSchema } from '../../../shared/domain/job-document';
import { checkScanCode, echoCode } from '../../../shared/domain/serial';
import { describeIssues, issuesText } from '../../../shared/rpc/describe-issues';
import { MAX_TEXT_FIELD_LENGTH } from '../../../shared/rpc/limits';
import { checkJobDocument, intakeJobs, MAX_JOBS_PER_INTAKE, type CheckedJob } from '../jobs';
import type { SqlPool } from '../storage/sql';
import type { BoardImportResult } from '../../../shared/board/site-view';
import { BoardRefusal } from './refusal';

export const boardImportSchema = z.strictObject({
  /** The file's text, as read by the page (the hub parses it, so the page never builds a document). */
  document: z.string().min(1),
});

const invalid = (message: string, key: string, params: Readonly<Record<string, string | number>> = {}) => new BoardRefusal(400, message, key, params);

function checkOne(raw: unknown, path: string): CheckedJob {
  const prefix = path === '' ? '' : `${path}.`;
  const parsed = jobDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const text = issuesText(parsed.error, raw, path);
    throw invalid(describeIssues(parsed.error, path), text.key, text.params ?? {});
  }
  const name = parsed.data.name;
  if (name === undefined || name === '' || name.length > MAX_TEXT_FIELD_LENGTH) {
    throw invalid(`${prefix}name: the job has no name`, 'jobWithoutName', { field: `${prefix}name` });
  }
  const serials = new Set<string>();
  for (const [index, drive] of (parsed.data.properties.driveList ?? []).entries()) {
    const field = `${prefix}properties.driveList[${index}].driveId`;
    const check = checkScanCode(drive.driveId);
    if (!check.ok) throw invalid(`${field}: ${echoCode(drive.driveId)} is not a drive serial (${check.reason})`, 'documentSerialInvalid', { field, serial: echoCode(drive.driveId) });
    if (serials.has(check.serial)) throw invalid(`${field}: serial ${check.serial} is listed twice`, 'documentSerialTwice', { field, serial: check.serial });
    serials.add(check.serial);
  }
  // The hub's intake checks again in its own words; a document that passed the above passes it.
  return checkJobDocument(raw, undefined, path);
}

/** Parses and checks every job of the file's text; nothing is stored unless all pass. */
export function checkBoardDocument(text: string): CheckedJob[] {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(`document: not valid JSON (${error instanceof Error ? error.message : String(error)})`, 'documentNotJson');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalid('document: expected a JSON object (a Get Job body or a list body {value:[…]})', 'documentNotJobDocument');
  }
  const record = document as Record<string, unknown>;
  let jobs: CheckedJob[];
  if ('value' in record) {
    const list = z.array(z.unknown()).max(MAX_JOBS_PER_INTAKE).safeParse(record.value);
    if (!list.success) {
      const problem = issuesText(list.error, record.value, 'value');
      throw invalid(describeIssues(list.error, 'value'), problem.key, problem.params ?? {});
    }
    jobs = list.data.map((raw, index) => checkOne(raw, `value[${index}]`));
  } else {
    jobs = [checkOne(record, '')];
  }
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw invalid(`name: job ${job.name} appears twice`, 'documentJobTwice', { job: job.name });
    names.add(job.name);
  }
  return jobs;
}

export async function importBoardDocument(pool: SqlPool, text: string): Promise<BoardImportResult> {
  const jobs = checkBoardDocument(text);
  const { created, replaced } = await intakeJobs(pool, jobs);
  return { created, replaced, jobs: jobs.map((job) => job.name) };
}
