/** Web mode's routes besides `POST /api/<method>` (docs/architecture.md, "Web mode"). */

/** `GET`, Bearer token: the desk's events as Server-Sent Events. */
export const EVENTS_PATH = '/api/events';
/** `POST {code}`: a one-time launch code, within its minute, for the token. */
export const LAUNCH_PATH = '/launch';
/** The launch URL's fragment: `#token=<token>` for scripts, `#launch=<code>` for the browser the desk opens. */
export const TOKEN_FRAGMENT = 'token';
export const LAUNCH_FRAGMENT = 'launch';
