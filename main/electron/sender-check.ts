import { isAppUrl } from './app-origin';

/** The parts of a WebFrameMain the check reads, so the check is testable without Electron. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Only the app's own top-level frame may call the core (Electron security checklist item 17):
 * not a subframe, not a page that navigated elsewhere, not a destroyed frame.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
