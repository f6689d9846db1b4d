import { isAppUrl } from './app-origin';
import { isTrustedSender, type SenderFrameLike } from './sender-check';
import { isScreenId, type ScreenId } from '../../shared/ui/screens';

/** The check-in screen: where a damaged box is photographed. */
export const CAMERA_SCREEN: ScreenId = 'scan';

/** The parts of WebContents the guards hook into, so they are testable without Electron. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Navigation stays inside the app; new windows and webviews never open (checklist items 13, 14, 11). */
export function guardWebContents(contents: GuardableContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Which screen the renderer shows, as it last said: the camera is allowed on the check-in screen
 * (the scan station, for photos of a damaged box) and nowhere else.
 */
export interface ScreenGate {
  readonly cameraScreenShown: () => boolean;
}

/**
 * The screen the window says it shows, from the app's own top-level frame only and only a known
 * screen; anything else is ignored, so a subframe or a stray page cannot switch the camera on.
 * The window starts on the check-in screen.
 */
export function trackShownScreen(): ScreenGate & { shown(frame: SenderFrameLike | null | undefined, screen: unknown): void } {
  let current: ScreenId = CAMERA_SCREEN;
  return {
    cameraScreenShown: () => current === CAMERA_SCREEN,
    shown: (frame, screen) => {
      if (isTrustedSender(frame) && isScreenId(screen)) current = screen;
    },
  };
}

/** What Electron tells a permission handler about the request (the parts the decision needs). */
export interface PermissionDetails {
  readonly requestingUrl?: string;
  readonly mediaTypes?: readonly string[];
}

/**
 * The one permission the desk grants: the camera, video only, to the app's own page, while the
 * check-in screen is shown. The microphone, notifications, geolocation … are always refused, and so
 * is the camera on every other screen or for any other origin (docs/architecture.md, "Electron").
 */
export function cameraOnCheckIn(gate: ScreenGate) {
  return (_contents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails = {}): void => {
    callback(isCameraRequest(gate, permission, details.requestingUrl, details.mediaTypes));
  };
}

/** The synchronous check Electron makes before a request (`setPermissionCheckHandler`). */
export function cameraCheckOnCheckIn(gate: ScreenGate) {
  return (_contents: unknown, permission: string, requestingOrigin: string, details: { readonly mediaType?: string } = {}): boolean =>
    isCameraRequest(gate, permission, requestingOrigin, details.mediaType === undefined ? undefined : [details.mediaType]);
}

function isCameraRequest(gate: ScreenGate, permission: string, url: string | undefined, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media' || !isAppUrl(url)) return false;
  const types = mediaTypes ?? [];
  // Video and nothing else: an empty list could mean the microphone too.
  return types.length > 0 && types.every((type) => type === 'video') && gate.cameraScreenShown();
}

/** A keyboard-wedge scanner needs no permission: camera, microphone, notifications … are all refused. */
export function denyAllPermissions(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}
