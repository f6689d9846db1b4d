import type { Transport } from '../../../shared/rpc/client';
import i18next from 'i18next';
import { fail } from '../../../shared/rpc/envelope';

/** Web mode: `POST /api/<method>` with the launch token as a Bearer token (DESIGN §3). */
export function createHttpTransport(token: string, baseUrl = ''): Transport {
  return async (method, params) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(params ?? {}),
      });
    } catch {
      return fail('internal', i18next.t('errors.serviceDown'));
    }
    try {
      return (await response.json()) as Awaited<ReturnType<Transport>>;
    } catch {
      return fail('internal', i18next.t('errors.noResult', { status: response.status }));
    }
  };
}
