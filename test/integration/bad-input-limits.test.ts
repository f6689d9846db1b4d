import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../shared/rpc/limits';
import { MAX_JSON_DEPTH } from '../../shared/rpc/json-limits';
import { WEB_TOKEN, rawRequest, startHttpDesk, type HttpDesk } from '../helpers/web-desk';
import { jobDocument } from '../helpers/desk';

let desk: HttpDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const HEADERS = { 'Content-Type': 'application/json', Authorization: `Bearer ${WEB_TOKEN}` };
const MB = 1024 * 1024;

function nestedText(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

describe('no input makes an internal error: size and depth limits over HTTP', () => {
  it('answers a body over the cap with 413 and the limit, not a reset, with Content-Length', async () => {
    desk = await startHttpDesk('too-large');
    const pieces = Array.from({ length: MAX_IMPORT_BYTES / MB + 2 }, () => Buffer.alloc(MB, 0x20));
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const response = await rawRequest(desk.server.port, {
      path: '/api/jobs.import',
      method: 'POST',
      headers: { ...HEADERS, 'Content-Length': String(size) },
      body: pieces,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_params', key: 'requestTooLarge' } });
    // The desk still answers on a new connection.
    expect((await desk.api('jobs.list', {})).envelope.ok).toBe(true);
  });

  it('answers 413 to a chunked body that grows past the cap', async () => {
    desk = await startHttpDesk('too-large-chunked');
    const pieces = Array.from({ length: MAX_IMPORT_BYTES / MB + 2 }, () => Buffer.alloc(MB, 0x20));
    const response = await rawRequest(desk.server.port, { path: '/api/jobs.import', method: 'POST', headers: HEADERS, body: pieces });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatchObject({ key: 'requestTooLarge', params: { megabytes: MAX_IMPORT_BYTES / MB } });
  });

  it('refuses a request nested past the limit with invalid_params naming the limit', async () => {
    desk = await startHttpDesk('deep-params');
    const body = `{"state": ${nestedText(100_000)}}`;
    const response = await rawRequest(desk.server.port, { path: '/api/jobs.list', method: 'POST', headers: HEADERS, body });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_params', key: 'requestTooDeep', params: { limit: MAX_JSON_DEPTH } } });
  });

  it('refuses a job document nested past the limit with invalid_document', async () => {
    desk = await startHttpDesk('deep-document');
    const document = jobDocument('deep-job', { trackingNumber: 'TRK-DEEP', drives: ['DEEP1'] }) as { properties: Record<string, unknown> };
    let deep: unknown = 1;
    for (let level = 0; level < MAX_JSON_DEPTH + 5; level += 1) deep = { deeper: deep };
    document.properties.notes = deep;
    const asObject = await desk.api('jobs.import', { document });
    expect(asObject.envelope).toMatchObject({ ok: false, error: { code: 'invalid_document' } });
    expect(asObject.envelope.error?.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(asObject.envelope.error?.message).toContain('document.properties.notes');
    expect((await desk.call<{ total: number }>('jobs.list', {})).total).toBe(0);
  });

  it('never echoes an unbounded key or value in an error', async () => {
    desk = await startHttpDesk('no-echo');
    const huge = 'k'.repeat(1_000_000);
    for (const [method, params] of [
      ['jobs.list', { [huge]: 1 }],
      ['packages.checkIn', { trackingNumber: huge }],
      ['jobs.import', { document: { name: 'x', properties: { driveList: [{ driveId: huge }] } } }],
      ['jobs.import', { document: `{"name": "${huge}` }],
      ['scans.record', { packageId: 1, code: huge }],
    ] as const) {
      const { envelope } = await desk.api(method, params);
      expect(envelope.ok, method).toBe(false);
      expect(JSON.stringify(envelope.error).length, method).toBeLessThan(2_000);
    }
  });
});
