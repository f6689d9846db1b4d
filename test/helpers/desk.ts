import path from 'node:path';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../../main/core/desk-core';
import type { Clock } from '../../main/core/clock';
import type { MethodInput, MethodName, MethodResult } from '../../shared/rpc/contract';
import type { Envelope } from '../../shared/rpc/envelope';
import { makeTempDir } from './temp-dir';

export interface TestDesk {
  readonly core: DeskCore;
  readonly dir: string;
  readonly databaseFile: string;
  /** Calls a method and returns its value; fails the test with the error message otherwise. */
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<MethodResult<M>>;
  /** Calls a method and returns the raw envelope, for tests of errors. */
  raw(method: string, params: unknown): Promise<Envelope<unknown>>;
  close(): void;
}

/** Sync retries in milliseconds, not seconds, so fault tests finish; the shape of the backoff is unchanged. */
export const TEST_SYNC_BACKOFF = { baseMs: 10, capMs: 200 } as const;

export function openTestDesk(label: string, clock?: Clock, options: Partial<DeskCoreOptions> = {}): TestDesk {
  const temp = makeTempDir(label);
  const databaseFile = path.join(temp.dir, 'desk.sqlite');
  const core = createDeskCore({
    databaseFile,
    sync: { backoff: TEST_SYNC_BACKOFF },
    ...options,
    ...(clock === undefined ? {} : { clock }),
  });
  return {
    core,
    dir: temp.dir,
    databaseFile,
    async call(method, params) {
      const envelope = await core.dispatch(method, params);
      if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value as never;
    },
    raw: (method, params) => core.dispatch(method, params),
    close() {
      core.close();
      temp.remove();
    },
  };
}

/** A job document in the public API's shape, for tests that need a job of their own. */
export function jobDocument(
  name: string,
  options: {
    state?: string;
    jobType?: string;
    trackingNumber?: string;
    driveCount?: number;
    drives?: readonly string[];
    cancelRequested?: boolean;
  } = {},
): Record<string, unknown> {
  return {
    name,
    type: 'Microsoft.ImportExport/jobs',
    properties: {
      jobType: options.jobType ?? 'Import',
      state: options.state ?? 'Shipping',
      cancelRequested: options.cancelRequested ?? false,
      ...(options.trackingNumber === undefined
        ? {}
        : {
            deliveryPackage: {
              carrierName: 'FedEx',
              trackingNumber: options.trackingNumber,
              ...(options.driveCount === undefined ? {} : { driveCount: options.driveCount }),
            },
          }),
      driveList: (options.drives ?? []).map((driveId) => ({ driveId, state: 'Specified' })),
    },
  };
}
