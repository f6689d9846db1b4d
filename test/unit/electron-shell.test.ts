import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../main/electron/app-protocol';
import { createPortRequestHandler } from '../../main/electron/port-broker';
import { cameraCheckOnCheckIn, cameraOnCheckIn, denyAllPermissions, guardWebContents, trackShownScreen, type GuardableContents } from '../../main/electron/navigation-guards';
import { isTrustedSender } from '../../main/electron/sender-check';
import { secureWebPreferences } from '../../main/electron/web-preferences';

describe('the Electron shell, exercised without the Electron binary', () => {
  it('opens windows with every security preference set', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trusts only the app origin top frame, and gives only it a port to the desk', async () => {
    expect(isTrustedSender({ url: 'app://desk/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://desk.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://desk/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);

    // Each page load asks for a MessagePort to the desk's host; one end goes to the host, the other to the page.
    let made = 0;
    const toHost: string[] = [];
    const toPage: { channel: string; ports: string[] }[] = [];
    const handler = createPortRequestHandler(
      () => {
        made += 1;
        return { port1: `host-end-${made}`, port2: `page-end-${made}` };
      },
      (port) => toHost.push(port),
      'desk:port',
    );
    const sender = { postMessage: (channel: string, _message: unknown, ports: string[]) => toPage.push({ channel, ports }) };
    expect(handler({ senderFrame: { url: 'https://evil.example/', parent: null } as never, sender })).toBe(false);
    expect(handler({ senderFrame: { url: 'app://desk/index.html', parent: {} } as never, sender })).toBe(false);
    expect({ made, toHost, toPage }).toEqual({ made: 0, toHost: [], toPage: [] });
    expect(handler({ senderFrame: { url: 'app://desk/index.html', parent: null } as never, sender })).toBe(true);
    expect({ made, toHost, toPage }).toEqual({ made: 1, toHost: ['host-end-1'], toPage: [{ channel: 'desk:port', ports: ['page-end-1'] }] });
  });

  it('blocks navigation away from the app, new windows, webviews and every permission', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const contents: GuardableContents = {
      on: ((event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
        listeners.set(event, listener);
        return contents;
      }) as GuardableContents['on'],
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
    };
    guardWebContents(contents);
    const prevented = (event: string, url?: string) => {
      let wasPrevented = false;
      listeners.get(event)?.({ preventDefault: () => (wasPrevented = true) }, url);
      return wasPrevented;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://desk/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler).not.toBeNull();
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    denyAllPermissions(null, 'media', (value) => (granted = value));
    expect(granted).toBe(false);
  });

  it('grants the camera, video only, to the app on the check-in screen, and nothing else anywhere', () => {
    let shown = true;
    const gate = { cameraScreenShown: () => shown };
    const ask = (permission: string, details: { requestingUrl?: string; mediaTypes?: string[] }) => {
      let granted: boolean | null = null;
      cameraOnCheckIn(gate)(null, permission, (value) => (granted = value), details);
      return granted;
    };
    expect(ask('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['video'] })).toBe(true);
    expect(ask('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'app://desk/index.html', mediaTypes: [] })).toBe(false);
    expect(ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'app://desk.evil/index.html', mediaTypes: ['video'] })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(ask('geolocation', { requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(cameraCheckOnCheckIn(gate)(null, 'media', 'app://desk', { mediaType: 'video' })).toBe(true);
    expect(cameraCheckOnCheckIn(gate)(null, 'media', 'app://desk', { mediaType: 'audio' })).toBe(false);
    shown = false;
    expect(ask('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['video'] })).toBe(false);
    expect(cameraCheckOnCheckIn(gate)(null, 'media', 'app://desk', { mediaType: 'video' })).toBe(false);
  });

  it('follows the screen the app’s own top-level frame says it shows; a subframe, another page or an unknown screen changes nothing', () => {
    const screens = trackShownScreen();
    const app = { url: 'app://desk/index.html', parent: null };
    expect(screens.cameraScreenShown()).toBe(true);
    screens.shown(app, 'deadlines');
    expect(screens.cameraScreenShown()).toBe(false);
    screens.shown({ url: 'app://desk/index.html', parent: {} }, 'scan');
    screens.shown({ url: 'https://evil.example/', parent: null }, 'scan');
    screens.shown(null, 'scan');
    screens.shown(app, 'no-such-screen');
    screens.shown(app, { screen: 'scan' });
    expect(screens.cameraScreenShown()).toBe(false);
    screens.shown(app, 'scan');
    expect(screens.cameraScreenShown()).toBe(true);
    let granted: boolean | null = null;
    cameraOnCheckIn(screens)(null, 'media', (value) => (granted = value), { requestingUrl: 'app://desk/index.html', mediaTypes: ['video'] });
    expect(granted).toBe(true);
  });

  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'desk-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

  it('serves app:// from the renderer folder with the CSP, and refuses path traversal', async () => {
    const ok = await serveAppRequest('app://desk/index.html', rendererDir);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const attempt of ['app://desk/%2e%2e/%2e%2e/etc/passwd', 'app://desk/..%2f..%2fetc%2fpasswd', 'app://desk/%00index.html']) {
      const response = await serveAppRequest(attempt, rendererDir);
      expect([403, 404], attempt).toContain(response.status);
      expect(response.status, attempt).not.toBe(200);
    }
    expect((await serveAppRequest('app://other/index.html', rendererDir)).status).toBe(404);
  });
});
