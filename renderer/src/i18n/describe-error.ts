import type { CoreText, MessageParams, RpcError } from '../../../shared/rpc/envelope';
import { translateDataKey } from './dynamic-key';

/** Params that hold a state's or a fault reason's code: said in words, like every state on a screen. */
const STATE_PARAMS: Readonly<Record<string, 'driveState' | 'jobState' | 'fault.reasons'>> = {
  state: 'driveState',
  from: 'driveState',
  to: 'driveState',
  jobState: 'jobState',
  faultReason: 'fault.reasons',
};

function paramsInWords(params: MessageParams | undefined): MessageParams {
  if (params === undefined) return {};
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const section = STATE_PARAMS[name];
      if (section === undefined || typeof value !== 'string' || value === '') return [name, value];
      return [name, translateDataKey(`${section}.${value}`) ?? value];
    }),
  );
}

/** Anything the core says (a refusal, a verdict, what an action did) in the operator's language (docs/i18n.md). */
export function sayCoreText(text: CoreText, english: string): string {
  return translateDataKey(`core.${text.key}`, paramsInWords(text.params)) ?? english;
}

/** An error from the core in the operator's language (docs/i18n.md); the English message only when it has no key. */
export function describeError(error: Pick<RpcError, 'message' | 'key' | 'params'>): string {
  if (error.key === undefined) return error.message;
  return sayCoreText(error.params === undefined ? { key: error.key } : { key: error.key, params: error.params }, error.message);
}
