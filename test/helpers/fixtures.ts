import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The public API spec's example documents, used as they are (../shared/fixtures/azure). */
export const FIXTURE_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'azure');

export interface ExampleFile {
  readonly file: string;
  readonly parameters: Record<string, unknown> & { body?: unknown; jobName?: string };
  readonly responses: Record<string, { body: unknown }>;
}

export function listFixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.json')).sort();
}

export function readExample(file: string): ExampleFile {
  const parsed = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as Omit<ExampleFile, 'file'>;
  return { file, ...parsed };
}

/** Every job document an example holds: the 200 body and, for a PUT, the request body with its job name. */
export function documentsOf(example: ExampleFile): { label: string; document: unknown; jobName?: string }[] {
  const documents: { label: string; document: unknown; jobName?: string }[] = [];
  const okBody = example.responses['200']?.body;
  if (okBody !== undefined) documents.push({ label: `${example.file} responses.200.body`, document: okBody });
  if (example.file === 'CreateJob.json' && example.parameters.body !== undefined) {
    documents.push({
      label: `${example.file} parameters.body`,
      document: example.parameters.body,
      jobName: String(example.parameters.jobName),
    });
  }
  return documents;
}
