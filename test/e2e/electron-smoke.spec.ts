import { _electron as electron, test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronRuntime } from '../../scripts/electron-runtime.cjs';
import type { DeskBridge } from '../../shared/rpc/bridge';

const ROOT = path.resolve(__dirname, '..', '..');
/** The runtime path, or why there is none: npm install skips Electron's download on purpose. */
const runtime = findElectronRuntime();

/**
 * Runs `work` against the desktop app on a fresh data folder, or skips with the reason where the
 * runtime is missing (said in the run's output too: a skip must never pass unnoticed).
 */
async function withDesktopApp(work: (app: ElectronApplication, page: Page) => Promise<void>): Promise<void> {
  if ('missing' in runtime) console.warn(`electron test skipped: ${runtime.missing}`);
  test.skip(
    'missing' in runtime,
    `Electron runtime not installed on this machine (${'missing' in runtime ? runtime.missing : ''}); run \`npm run electron:fetch\` where the network allows.`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  const app = await electron.launch({
    executablePath: 'path' in runtime ? runtime.path : '',
    args: [ROOT],
    env: { ...process.env, RECEIVING_DESK_DATA_DIR: dataDir, RECEIVING_DESK_NO_DEMO: '1' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('scan-field')).toBeFocused();
    await work(app, page);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('the Electron app opens on the scan station and receives a package', async () => {
  await withDesktopApp(async (_app, page) => {
    const imported = await page.evaluate(() =>
      (window as unknown as { desk?: DeskBridge }).desk?.invoke('jobs.import', {
        document: { name: 'electron-job', properties: { jobType: 'Import', state: 'Shipping', deliveryPackage: { carrierName: 'FedEx', trackingNumber: 'ELEC1' }, driveList: [{ driveId: 'EL1' }] } },
      }),
    );
    expect(imported).toMatchObject({ ok: true });
    await page.keyboard.type('ELEC1\n', { delay: 2 });
    await page.keyboard.type('EL1\n', { delay: 2 });
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'received');
  });
});

test('the Electron app renders a return label and prints it to PDF at the label size', async () => {
  await withDesktopApp(async (app, page) => {
    const label = await page.evaluate(async () => {
      const desk = (window as unknown as { desk: DeskBridge }).desk;
      const address = { recipientName: 'Contoso', streetAddress1: '1 Main St', city: 'Redmond', postalCode: '98052', countryOrRegion: 'USA', phone: '425', email: 'a@b.c' };
      await desk.invoke('jobs.import', {
        document: { name: 'label-job', properties: { jobType: 'Import', state: 'Shipping', returnAddress: address, returnShipping: { carrierName: 'FedEx', carrierAccountNumber: '123' }, shippingInformation: address, driveList: [{ driveId: 'LB1' }] } },
      });
      return desk.invoke('labels.render', { jobId: 'label-job', kind: 'return', format: 'pdf' });
    });
    expect(label).toMatchObject({ ok: true, value: { pageWidthPt: 288, pageHeightPt: 432 } });
    const data = (label as { value: { data: string } }).value.data;
    // The shell's print path, to PDF instead of a printer: the label in Chromium's PDF viewer.
    const printed = await app.evaluate(async ({ BrowserWindow }, base64) => {
      const window = new BrowserWindow({ show: false, webPreferences: { plugins: true } });
      await window.loadURL(`data:application/pdf;base64,${base64}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pdf = await window.webContents.printToPDF({ pageSize: { width: 4, height: 6 } });
      window.destroy();
      return pdf.subarray(0, 5).toString() + pdf.length;
    }, data);
    expect(printed.startsWith('%PDF-')).toBe(true);
  });
});
