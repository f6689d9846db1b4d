import { useEffect, useRef } from 'react';
import { DEFAULT_SCANNER_PROFILE, decodeScan, wasKeyed } from '../../../shared/scanning/scanner-profile';
import { useAppStore } from '../state/app-store';
import { ScanCapture, isTextEntry, scannerKey } from './scan-capture';

/**
 * Captures scans typed while the focus is anywhere but a text field (the scan field has its own
 * handling). Listens in the capture phase so a focused button never sees the scan's Enter.
 */
export function useScanCapture(onScan: (code: string, keyed: boolean) => void): void {
  const capture = useRef(new ScanCapture());
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const key = scannerKey(event);
      if (key === null) return;
      if (isTextEntry(document.activeElement)) {
        capture.current.reset();
        return;
      }
      const profile = useAppStore.getState().settings?.scanner ?? DEFAULT_SCANNER_PROFILE;
      capture.current.configure(profile);
      const result = capture.current.feed(key, event.timeStamp);
      if (result === 'ignored') return;
      event.preventDefault();
      event.stopPropagation();
      if (result === 'consumed') return;
      handler.current(decodeScan(result.code, profile).code, wasKeyed(result.times, profile.keyedThresholdMs));
    }
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
