import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveInside } from '../host/static-files';
import { SECURITY_HEADERS } from '../host/security-headers';
import { APP_HOST } from './app-origin';

/**
 * Serves `app://desk/<path>` from the built renderer, with the CSP header; refuses any path that
 * escapes the renderer folder and any other host.
 */
export async function serveAppRequest(requestUrl: string, rendererDir: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const file = resolveInside(rendererDir, url.pathname);
  if (file === null) return new Response('Forbidden', { status: 403 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
