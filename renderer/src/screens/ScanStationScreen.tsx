import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DamageDialog } from '../components/DamageDialog';
import { useTranslation } from 'react-i18next';
import { ExpectedDrives } from '../components/ExpectedDrives';
import { StateLabel } from '../components/StateLabel';
import { TallyBar } from '../components/TallyBar';
import { DemoNotice } from '../components/DeskAndDemo';
import { VerdictBanner } from '../components/VerdictBanner';
import { ToneIcon } from '../components/ToneIcon';
import { KeystrokeTiming } from '../scanning/keystroke-timing';
import { useScanStation, type LeaveQuestion } from '../state/scan-station-store';
import { jobTypeWords } from '../i18n/data-words';
import { EXPORT_JOB } from '../../../shared/domain/job-states';
import { DEFAULT_SCANNER_PROFILE, decodeScan } from '../../../shared/scanning/scanner-profile';
import { useAppStore } from '../state/app-store';

/** Focus goes back to the scan field after this long when nothing else took it. */
const REFOCUS_DELAY_MS = 0;

export function ScanStationScreen() {
  const { t, i18n } = useTranslation();
  const station = useScanStation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const inputRef = useRef<HTMLInputElement>(null);
  const timing = useRef(new KeystrokeTiming());
  const open = station.package !== null && station.package.status === 'open';
  const [damaging, setDamaging] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.key === 'Enter' && event.ctrlKey) {
        event.preventDefault();
        useScanStation.getState().closePackage();
      } else if (event.key === 'Escape' && useScanStation.getState().leaving === null && !event.defaultPrevented) {
        // Esc inside a dialog closes the dialog, not the package.
        if (document.querySelector('dialog[open], [role="dialog"]') !== null) return;
        // The same Esc must not also cancel the question it opens.
        event.preventDefault();
        useScanStation.getState().leavePackage();
        inputRef.current?.focus();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = inputRef.current;
    if (input === null) return;
    const profile = useAppStore.getState().settings?.scanner ?? DEFAULT_SCANNER_PROFILE;
    const code = decodeScan(input.value, profile).code;
    // Clear before the answer comes back: the next scan's keys must land in an empty field.
    input.value = '';
    const keyed = timing.current.wasKeyed(profile.keyedThresholdMs);
    timing.current.reset();
    if (code.trim() === '') return;
    station.submit(code, keyed);
  }

  function onKeyDownInField(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key.length === 1) timing.current.key(event.timeStamp);
    // A scanner set to end with Tab: the Tab ends the scan instead of moving the focus.
    const endKey = useAppStore.getState().settings?.scanner.endKey ?? DEFAULT_SCANNER_PROFILE.endKey;
    if (endKey === 'Tab' && event.key === 'Tab' && !event.shiftKey && event.currentTarget.value !== '') {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  function onBlur() {
    // The scan field keeps focus unless the operator moved it to another control on purpose.
    window.setTimeout(() => {
      if (document.activeElement === document.body || document.activeElement === null) inputRef.current?.focus();
    }, REFOCUS_DELAY_MS);
  }

  const neverReceived = station.expected.filter((drive) => !drive.isExtra && drive.state === 'NeverReceived').length;
  const listed = station.expected.filter((drive) => !drive.isExtra);
  const received = listed.filter((drive) => drive.state !== 'Specified' && drive.state !== 'NeverReceived').length;
  const missing = listed.filter((drive) => drive.state === 'Specified').length;

  return (
    <div className="scan-station">
      <form className="scan-form" onSubmit={onSubmit} autoComplete="off">
        <label htmlFor="scan-field" className="scan-form__label">
          {open ? t('scan.fieldLabelDrive') : t('scan.fieldLabelPackage')}
        </label>
        <input
          id="scan-field"
          ref={inputRef}
          className="scan-form__input"
          name="scan"
          type="text"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby="scan-hint"
          onKeyDown={onKeyDownInField}
          onBlur={onBlur}
          data-testid="scan-field"
        />
        <p id="scan-hint" className="muted">
          {t('scan.fieldHint')}
          {station.pending > 1 ? ` · ${t('scan.queue', { count: station.pending })}` : ''}
        </p>
      </form>

      <VerdictBanner verdict={station.verdict} />
      {station.package === null ? <DemoNotice /> : null}
      {station.leaving === null ? null : <LeavePackageDialog question={station.leaving} />}
      {damaging && station.package !== null ? (
        <DamageDialog
          pkg={station.package}
          onClose={() => {
            setDamaging(false);
            // The mark is this page's own change: read the package again to show it.
            station.refresh();
            inputRef.current?.focus();
          }}
        />
      ) : null}

      {station.package === null ? null : (
        <section className="package-panel" aria-labelledby="package-heading">
          <header className="package-panel__header">
            <div>
              <h2 id="package-heading" data-testid="package-heading">
                {t('scan.currentPackage', { tracking: station.package.trackingNumber })}
              </h2>
              <p>
                {station.job === null ? t('scan.noJob') : t('scan.forJob', { job: station.job.id, type: jobTypeWords(t, station.job.type) })}
                {station.job === null ? null : <StateLabel state={station.job.state} kind="job" />}
              </p>
              {station.package.held ? (
                <p className="notice notice--warning">
                  <ToneIcon tone="warning" size={20} /> {t('scan.held')}
                </p>
              ) : null}
              {station.package.damaged ? (
                <p className="notice notice--warning" data-testid="package-damaged">
                  <ToneIcon tone="warning" size={20} /> {t('damage.damagedWith')} <q translate="no">{station.package.damageNote ?? ''}</q>
                </p>
              ) : null}
            </div>
            <div className="package-panel__actions">
              <button type="button" className="button button--primary" disabled={!open} onClick={() => station.closePackage()}>
                {t('scan.closePackage')} <kbd>{t('scan.closeShortcut')}</kbd>
              </button>
              <button type="button" className="button" onClick={() => station.leavePackage()}>
                {t('scan.leavePackage')} <kbd>{t('scan.leaveShortcut')}</kbd>
              </button>
              <button type="button" className="button" onClick={() => setDamaging(true)} data-testid="mark-damaged">
                {station.package.damaged ? t('damage.morePhotos') : t('damage.markButton')}
              </button>
            </div>
          </header>

          {station.tally === null ? null : (
            // An invalid scan changes nothing, so the database counts none: the counter counts the
            // invalid scans listed below, the ones this screen read (docs/receiving-rules.md).
            <TallyBar tally={{ ...station.tally, invalid: station.log.filter((entry) => entry.verdict === 'invalid').length }} neverReceived={neverReceived} />
          )}

          {station.lastClose === null ? null : (
            <div className="close-summary" data-testid="close-summary">
              {station.lastClose.countMismatch === null ? null : (
                <p className="notice notice--warning">
                  <ToneIcon tone="warning" size={20} /> {t('scan.countMismatch', { ...station.lastClose.countMismatch })}
                </p>
              )}
              {station.lastClose.extraDrives.length === 0 ? null : (
                <p>{t('scan.extraDrives', { serials: station.lastClose.extraDrives.map((drive) => drive.serial).join(', ') })}</p>
              )}
              {station.lastClose.package.held ? <p className="notice notice--warning">{t('scan.closedHeldStays')}</p> : null}
            </div>
          )}

          <div className="package-panel__columns">
            <section aria-labelledby="expected-heading">
              <h3 id="expected-heading">
                {t('scan.expectedTitle')} <span className="muted">{t('scan.progress', { received, listed: listed.length })}</span>
              </h3>
              {missing > 0 ? <p className="muted">{t('scan.stillMissing', { count: missing })}</p> : null}
              {station.job === null ? (
                <p className="muted" data-testid="no-job-drives">
                  {t('scan.noJobDrives')}
                </p>
              ) : (
                <ExpectedDrives drives={station.expected} jobCancelled={station.job.cancelRequested} exportJob={station.job.type === EXPORT_JOB} onChanged={() => station.refresh()} />
              )}
            </section>
            <section aria-labelledby="log-heading">
              <h3 id="log-heading">{t('scan.logTitle')}</h3>
              <ol className="scan-log" data-testid="scan-log">
                {station.log.map((entry) => (
                  <li key={entry.sequence} className={`scan-log__entry scan-log__entry--${entry.tone}`} data-verdict={entry.verdict}>
                    <ToneIcon tone={entry.tone} size={18} />
                    <span className="mono" translate="no">
                      {entry.code.length > 40 ? `${entry.code.slice(0, 40)}…` : entry.code}
                    </span>
                    <span>{t(`verdict.${entry.verdict}`)}</span>
                    {entry.scannedAt === null ? null : <span className="muted">{time.format(new Date(entry.scannedAt))}</span>}
                    {entry.keyed ? <span className="badge">{t('scan.keyed')}</span> : null}
                    {entry.undone ? <span className="badge">{t('scan.undone')}</span> : null}
                    {entry.scanId !== null && !entry.undone && open ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => station.undo(entry.scanId as number)}
                        aria-label={t('scan.undoFor', { code: entry.code, verdict: t(`verdict.${entry.verdict}`) })}
                        data-testid={`undo-${entry.scanId}`}
                      >
                        {t('scan.undo')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </section>
      )}
    </div>
  );
}

/** Leaving a package with listed drives still missing: close it now, or keep it open on the board. */
function LeavePackageDialog({ question }: { readonly question: LeaveQuestion }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const answer = useScanStation((state) => state.answerLeave);
  useEffect(() => {
    dialogRef.current?.showModal();
    // showModal focuses the first button (Close it); the focus starts on the answer that changes
    // nothing, so an Enter out of habit cannot make the missing drives Never received.
    stayRef.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      onCancel={(event) => {
        event.preventDefault();
        answer('stay');
      }}
      data-testid="leave-dialog"
    >
      <h2 id="leave-title">{t('scan.leaveTitle', { tracking: question.trackingNumber })}</h2>
      <p id="leave-body">{t('scan.leaveBody', { count: question.missing })}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => answer('close')}>
          {t('scan.leaveClose', { count: question.missing })}
        </button>
        <button type="button" className="button" onClick={() => answer('keepOpen')}>
          {t('scan.leaveKeepOpen')}
        </button>
        <button ref={stayRef} type="button" className="button button--primary" onClick={() => answer('stay')}>
          {t('scan.leaveStay')}
        </button>
      </div>
    </dialog>
  );
}

