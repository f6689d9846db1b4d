import { useEffect, useRef } from 'react';
import { KeystrokeTiming } from './keystroke-timing';
import { ScanCapture, isTextEntry } from './scan-capture';

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
      if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
      if (isTextEntry(document.activeElement)) {
        capture.current.reset();
        return;
      }
      const result = capture.current.feed(event.key, event.timeStamp);
      if (result === 'ignored') return;
      event.preventDefault();
      event.stopPropagation();
      if (result === 'consumed') return;
      const timing = new KeystrokeTiming();
      for (const time of result.times) timing.key(time);
      handler.current(result.code, timing.wasKeyed());
    }
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
