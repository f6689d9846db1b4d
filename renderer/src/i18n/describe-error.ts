import i18next from 'i18next';
import type { RpcError } from '../../../shared/rpc/envelope';

/** An error from the core in the operator's language (docs/i18n.md); the English message only when it has no key. */
export function describeError(error: Pick<RpcError, 'message' | 'key' | 'params'>): string {
  if (error.key !== undefined) {
    const key = `core.${error.key}`;
    if (i18next.exists(key)) return i18next.t(key, { ...error.params });
  }
  return error.message;
}
