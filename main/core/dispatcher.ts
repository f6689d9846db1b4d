import { describeIssues, issuesText } from '../../shared/rpc/describe-issues';
import { checkJsonLimits, describeJsonLimit } from '../../shared/rpc/json-limits';
import { DeskError, fail, ok, type Envelope } from '../../shared/rpc/envelope';
import { storageProblem } from '../db/storage-errors';
import { isMethodName, methodParams, type MethodName, type MethodParams, type MethodResult } from '../../shared/rpc/contract';

/** An unknown method's name is echoed back only this far: the name is untrusted input. */
const MAX_ECHOED_METHOD_NAME = 80;

export type MethodHandlers = {
  readonly [M in MethodName]: (params: MethodParams<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

/** Calls one method by name with an untrusted payload; always answers with an envelope. */
export type Dispatch = (method: string, params: unknown) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors go; never a payload, which may carry a token or a key. */
  readonly logError?: (method: string, error: unknown) => void;
}

function storageFailure(error: unknown): Envelope<never> | null {
  const problem = storageProblem(error);
  if (problem === null) return null;
  return fail('storage', `Nothing was recorded: ${problem.problem} (${problem.code}). ${problem.wayOut}`, undefined, {
    key: problem.key,
    params: { code: problem.code },
  });
}

/** The one dispatcher (docs/architecture.md): both adapters call it, and it validates every payload first. */
export function createDispatcher(handlers: MethodHandlers, options: DispatcherOptions = {}): Dispatch {
  return async (method, rawParams) => {
    if (!isMethodName(method)) {
      const name = method.slice(0, MAX_ECHOED_METHOD_NAME);
      return fail('unknown_method', `No method named ${JSON.stringify(name)}.`, undefined, { key: 'unknownMethod', params: { method: name } });
    }
    // Before any schema: a value nested past the limit would overflow the stack of what handles it.
    const limit = checkJsonLimits(rawParams ?? {}, '');
    if (limit !== null) {
      const inDocument = method === 'jobs.import' && limit.kind === 'depth' && limit.path.startsWith('.document');
      const text = limit.kind === 'depth' ? { key: 'requestTooDeep', params: { limit: limit.limit } } : { key: 'requestTooManyValues', params: { limit: limit.limit } };
      const shown = limit.kind === 'depth' ? { ...limit, path: limit.path.replace(/^\./, '') } : limit;
      return fail(inDocument ? 'invalid_document' : 'invalid_params', describeJsonLimit(shown), undefined, text);
    }
    const parsed = methodParams[method].safeParse(rawParams ?? {});
    if (!parsed.success) return fail('invalid_params', describeIssues(parsed.error), undefined, issuesText(parsed.error, rawParams ?? {}));
    try {
      const handler = handlers[method] as (params: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof DeskError) return fail(error.code, error.message, error.details, error.text);
      const storage = storageFailure(error);
      if (storage !== null) return storage;
      options.logError?.(method, error);
      return fail('internal', `${method} failed unexpectedly; nothing was recorded. See the desk's log.`, undefined, {
        key: 'unexpectedFailure',
        params: { method },
      });
    }
  };
}

export type { MethodName };
