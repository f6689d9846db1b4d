import type { RpcError } from '../../../shared/rpc/envelope';
import { translateDataKey } from './dynamic-key';

/** An error from the core in the operator's language (docs/i18n.md); the English message only when it has no key. */
export function describeError(error: Pick<RpcError, 'message' | 'key' | 'params'>): string {
  if (error.key !== undefined) {
    const text = translateDataKey(`core.${error.key}`, error.params);
    if (text !== null) return text;
  }
  return error.message;
}
