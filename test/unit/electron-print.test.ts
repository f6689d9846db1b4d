import { describe, expect, it } from 'vitest';
import { createPrintHandler } from '../../main/electron/print-ipc';
import type { PrintRequest } from '../../shared/rpc/print-request';

const appFrame = { senderFrame: { url: 'app://desk/index.html', parent: null } as never };
const label: PrintRequest = { data: 'JVBERi0xLjMK', pageWidthPt: 288, pageHeightPt: 432, deviceName: 'Zebra ZD421', silent: true };

describe('the Electron print channel, without the Electron binary', () => {
  it('prints a checked request from the app frame, at the label page size, on the named printer', async () => {
    const printed: PrintRequest[] = [];
    const handler = createPrintHandler(async (request) => void printed.push(request));
    expect(await handler(appFrame, label)).toEqual({ ok: true, value: { printed: true } });
    expect(printed).toEqual([label]);
  });

  it('refuses another frame, a malformed payload and a silent print without a printer, printing nothing', async () => {
    const printed: PrintRequest[] = [];
    const handler = createPrintHandler(async (request) => void printed.push(request));
    expect(await handler({ senderFrame: { url: 'https://evil.example/', parent: null } as never }, label)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handler({ senderFrame: { url: 'app://desk/index.html', parent: {} } as never }, label)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    for (const bad of [{ ...label, data: 'not base64!' }, { ...label, pageWidthPt: 0 }, { ...label, extra: 1 }, 'a string', null]) {
      expect(await handler(appFrame, bad)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    expect(await handler(appFrame, { ...label, deviceName: null })).toMatchObject({ ok: false, error: { code: 'invalid_params', message: /silent printing needs a named printer/ } });
    expect(printed).toEqual([]);
  });

  it('reports a printer failure as a printer error', async () => {
    const handler = createPrintHandler(async () => {
      throw new Error('Printing failed: invalid printer settings');
    });
    expect(await handler(appFrame, { ...label, silent: false, deviceName: null })).toEqual({
      ok: false,
      error: {
        code: 'printer',
        message: 'Printing failed: invalid printer settings',
        key: 'systemPrintFailed',
        params: { reason: 'Printing failed: invalid printer settings' },
      },
    });
  });
});
