import { useScanCapture } from './use-scan-capture';
import { useAppStore } from '../state/app-store';
import { useScanStation } from '../state/scan-station-store';
import { deskClient } from '../state/desk-client';

/**
 * A scan on the scan station goes to the package being scanned. A scan anywhere else is looked up
 * (docs/receiving-rules.md, "A scan anywhere"): a tracking number opens the scan station with its
 * package checked in, a drive serial opens the drive's card, anything else is said on screen.
 * No scan is dropped.
 */
export async function routeScan(code: string, keyed: boolean): Promise<void> {
  if (useAppStore.getState().screen === 'scan') {
    useScanStation.getState().submit(code, keyed);
    return;
  }
  await lookUp(code, keyed);
}

/** What a code is, shown where it belongs: the scan station for a package, the card for a drive, a notice otherwise. */
export async function lookUp(code: string, keyed: boolean): Promise<void> {
  const app = useAppStore.getState();
  app.clearNotice();
  const result = await deskClient().call('codes.lookup', { code });
  if (!result.ok) {
    app.notify({ error: result.error });
    return;
  }
  const found = result.value;
  switch (found.kind) {
    case 'package': {
      const station = useScanStation.getState();
      app.show('scan');
      const current = station.package;
      if (current === null || current.status !== 'open' || current.trackingNumber !== found.trackingNumber) station.openPackage(code, keyed);
      return;
    }
    case 'drive':
      app.openHistory(found.serial);
      return;
    case 'unknown':
      app.notify({ text: found.text, english: found.message, code: found.code });
  }
}

/** Installs the one scan reader for the whole app: scans are read wherever the focus is. */
export function useScanRouting(): void {
  useScanCapture((code, keyed) => void routeScan(code, keyed));
}
