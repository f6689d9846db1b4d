import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkScanCode } from '../../../shared/domain/serial';
import {
  DEFAULT_SCANNER_PROFILE,
  SCAN_END_KEYS,
  decodeScan,
  wasKeyed,
  type DecodedScan,
  type ScanEndKey,
  type ScannerProfile,
} from '../../../shared/scanning/scanner-profile';
import { ScanCapture, scannerKey } from '../scanning/scan-capture';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { describeError } from '../i18n/describe-error';

/** Diagnostics keep this many scans on screen. */
const MAX_DIAGNOSED_SCANS = 8;

interface KeySeen {
  readonly key: string;
  readonly gapMs: number | null;
}

interface Diagnosis {
  readonly id: number;
  readonly keys: readonly KeySeen[];
  readonly decoded: DecodedScan;
  readonly keyed: boolean;
  readonly verdict: string;
}

/** A key as a person can read it: control characters by name. */
function showKey(key: string): string {
  if (key === '\u001d') return '<GS>';
  if (key === ' ') return '<Space>';
  return key.length === 1 ? key : `<${key}>`;
}

/** Scanner setup and diagnostics: how the scanner talks, and what the desk makes of each scan. */
export function ScannerScreen() {
  const { t } = useTranslation();
  const { settings, loadSettings } = useAppStore();
  const saved = settings?.scanner ?? DEFAULT_SCANNER_PROFILE;
  const [profile, setProfile] = useState<ScannerProfile>(saved);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState<readonly KeySeen[]>([]);
  const [diagnoses, setDiagnoses] = useState<readonly Diagnosis[]>([]);
  const capture = useRef(new ScanCapture(saved));
  const lastKeyAt = useRef<number | null>(null);
  const counter = useRef(0);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('settings.set', { scanner: profile });
    setNotice(result.ok ? { error: false, text: t('scanner.saved') } : { error: true, text: describeError(result.error) });
    if (result.ok) await loadSettings();
  }

  function onDiagnosticKey(event: KeyboardEvent<HTMLDivElement>) {
    const key = scannerKey(event);
    if (key === null) return;
    const gapMs = lastKeyAt.current === null ? null : Math.round(event.timeStamp - lastKeyAt.current);
    lastKeyAt.current = event.timeStamp;
    capture.current.configure(saved);
    const result = capture.current.feed(key, event.timeStamp);
    if (result === 'ignored') return;
    event.preventDefault();
    const keys = [...pending, { key, gapMs }];
    if (result === 'consumed') {
      setPending(keys);
      return;
    }
    const decoded = decodeScan(result.code, saved);
    const check = checkScanCode(decoded.code);
    counter.current += 1;
    setDiagnoses((previous) =>
      [
        {
          id: counter.current,
          keys,
          decoded,
          keyed: wasKeyed(result.times, saved.keyedThresholdMs),
          verdict: check.ok ? t('scanner.readsAs', { serial: check.serial }) : t(`invalidReason.${check.reason}`),
        },
        ...previous,
      ].slice(0, MAX_DIAGNOSED_SCANS),
    );
    setPending([]);
    lastKeyAt.current = null;
  }

  const update = (changes: Partial<ScannerProfile>) => setProfile({ ...profile, ...changes });

  return (
    <div className="scanner-view">
      <h2>{t('scanner.title')}</h2>
      <form className="scanner-form" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span>{t('scanner.prefix')}</span>
          <input type="text" value={profile.prefix} onChange={(event) => update({ prefix: event.target.value })} data-testid="scanner-prefix" />
        </label>
        <label className="field">
          <span>{t('scanner.suffix')}</span>
          <input type="text" value={profile.suffix} onChange={(event) => update({ suffix: event.target.value })} data-testid="scanner-suffix" />
        </label>
        <label className="field">
          <span>{t('scanner.endKey')}</span>
          <select value={profile.endKey} onChange={(event) => update({ endKey: event.target.value as ScanEndKey })} data-testid="scanner-end-key">
            {SCAN_END_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`scanner.endKeys.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('scanner.keyedThreshold')}</span>
          <input type="number" min={5} max={500} value={profile.keyedThresholdMs} onChange={(event) => update({ keyedThresholdMs: Number(event.target.value) })} />
        </label>
        <label className="field">
          <span>{t('scanner.staleGap')}</span>
          <input type="number" min={100} max={10000} value={profile.staleGapMs} onChange={(event) => update({ staleGapMs: Number(event.target.value) })} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={profile.stripAimIdentifier} onChange={(event) => update({ stripAimIdentifier: event.target.checked })} />
          {t('scanner.stripAim')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={profile.stripGroupSeparators} onChange={(event) => update({ stripGroupSeparators: event.target.checked })} />
          {t('scanner.stripGs')}
        </label>
        <button type="submit" className="button button--primary">
          {t('scanner.save')}
        </button>
        {notice === null ? null : (
          <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status">
            {notice.text}
          </p>
        )}
      </form>

      <section aria-labelledby="diagnostics-heading">
        <h3 id="diagnostics-heading">{t('scanner.diagnostics')}</h3>
        <div
          className="scanner-diagnostics"
          tabIndex={0}
          role="application"
          aria-label={t('scanner.diagnosticsArea')}
          onKeyDown={onDiagnosticKey}
          data-testid="scanner-diagnostics"
          data-reads-keys
        >
          <p>{t('scanner.diagnosticsHint')}</p>
          {pending.length === 0 ? null : <p className="mono">{pending.map((seen) => showKey(seen.key)).join(' ')}</p>}
        </div>
        {diagnoses.map((diagnosis) => (
          <article key={diagnosis.id} className="diagnosis" data-testid="diagnosis">
            <p>
              <strong>{t('scanner.desksReading')}</strong> <code data-testid="diagnosis-code">{diagnosis.decoded.code}</code> · {diagnosis.verdict} ·{' '}
              {diagnosis.keyed ? t('scanner.byHand') : t('scanner.byScanner')}
            </p>
            <p className="muted">
              {t('scanner.stripped', {
                prefix: diagnosis.decoded.prefixRemoved ? t('scanner.yes') : t('scanner.no'),
                suffix: diagnosis.decoded.suffixRemoved ? t('scanner.yes') : t('scanner.no'),
                aim: diagnosis.decoded.aimIdentifier ?? '—',
                separators: diagnosis.decoded.groupSeparatorsRemoved,
              })}
            </p>
            <table className="keys">
              <thead>
                <tr>
                  <th scope="col">{t('scanner.key')}</th>
                  <th scope="col">{t('scanner.gap')}</th>
                </tr>
              </thead>
              <tbody>
                {diagnosis.keys.map((seen, index) => (
                  <tr key={index} data-testid="diagnosis-key">
                    <td className="mono">{showKey(seen.key)}</td>
                    <td>{seen.gapMs === null ? '—' : t('scanner.ms', { ms: seen.gapMs })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </section>
    </div>
  );
}
