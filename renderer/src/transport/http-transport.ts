import type { Transport } from '../../../shared/rpc/client';
import { fail } from '../../../shared/rpc/envelope';
import { CLIENT_ID_HEADER } from '../../../shared/events';

/** Web mode: `POST /api/<method>` with the launch token as a Bearer token (docs/architecture.md, "Methods"). */
export function createHttpTransport(token: string, clientId: string, baseUrl = ''): Transport {
  return async (method, params) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, [CLIENT_ID_HEADER]: clientId },
        body: JSON.stringify(params ?? {}),
      });
    } catch {
      return fail('internal', 'The desk service is not answering.', undefined, { key: 'serviceDown' });
    }
    try {
      return (await response.json()) as Awaited<ReturnType<Transport>>;
    } catch {
      return fail('internal', `The desk service answered ${response.status} without a result.`, undefined, { key: 'noResult', params: { status: response.status } });
    }
  };
}
