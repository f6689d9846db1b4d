import { describe, expect, it } from 'vitest';
import { createDispatcher, type MethodHandlers } from '../../main/core/dispatcher';
import { DeskError } from '../../shared/rpc/envelope';

describe('the dispatcher carries an error key and its params to the screen', () => {
  it('passes a DeskError key and params through the envelope unchanged', async () => {
    const handlers = {
      'desk.ping': () => {
        throw new DeskError('not_found', 'jobId: no job named JOB-1', undefined, { key: 'jobNotFound', params: { job: 'JOB-1' } });
      },
    } as unknown as MethodHandlers;
    const envelope = await createDispatcher(handlers)('desk.ping', {});
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'jobId: no job named JOB-1', key: 'jobNotFound', params: { job: 'JOB-1' } },
    });
  });

  it('leaves key and params out when the error has none', async () => {
    const handlers = {
      'desk.ping': () => {
        throw new DeskError('conflict', 'already done');
      },
    } as unknown as MethodHandlers;
    expect(await createDispatcher(handlers)('desk.ping', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'already done' } });
  });
});
