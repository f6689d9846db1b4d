import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelDpi } from '../../../shared/rpc/results';
import { useDeskQuery } from '../data/use-desk-query';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { printPdfDocument } from '../printing/print-pdf';
import { describeError } from '../i18n/describe-error';

const DEFAULT_ZPL_PORT = 9100;

/** The desk's printer: where raw ZPL goes, at which resolution, and a test print. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, loadSettings } = useAppStore();
  const [host, setHost] = useState(settings?.zplPrinterHost ?? '');
  const [port, setPort] = useState(String(settings?.zplPrinterPort ?? DEFAULT_ZPL_PORT));
  const [dpi, setDpi] = useState<LabelDpi>(settings?.zplDpi ?? 203);
  const [systemPrinter, setSystemPrinter] = useState(settings?.systemPrinter ?? '');
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('settings.set', {
      zplPrinterHost: host.trim(),
      zplPrinterPort: Number(port),
      zplDpi: dpi,
      systemPrinter: systemPrinter.trim(),
    });
    setNotice(result.ok ? { error: false, text: t('settings.saved') } : { error: true, text: describeError(result.error) });
    if (result.ok) await loadSettings();
  }

  async function testPrint(printer: 'network' | 'dialog') {
    const result = await deskClient().call('printers.testPrint', { printer });
    if (!result.ok) {
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    const outcome = result.value.document === null ? null : await printPdfDocument(result.value.document, settings?.systemPrinter ?? null);
    setNotice(outcome !== null && 'error' in outcome ? { error: true, text: outcome.error } : { error: false, text: t('settings.testPrinted') });
  }

  return (
    <div className="settings-view">
      <h2>{t('settings.title')}</h2>
      <OperatorsSection />
      <BackupsSection />
      <form className="printer-form" onSubmit={(event) => void save(event)}>
        <h3>{t('settings.printerTitle')}</h3>
        <label className="field">
          <span>{t('settings.zplHost')}</span>
          <input type="text" value={host} onChange={(event) => setHost(event.target.value)} data-testid="zpl-host" />
        </label>
        <label className="field">
          <span>{t('settings.zplPort')}</span>
          <input type="number" min={1} max={65535} value={port} onChange={(event) => setPort(event.target.value)} data-testid="zpl-port" />
        </label>
        <label className="field">
          <span>{t('settings.zplDpi')}</span>
          <select value={dpi} onChange={(event) => setDpi(event.target.value === '300' ? 300 : 203)}>
            <option value={203}>203 dpi</option>
            <option value={300}>300 dpi</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.systemPrinter')}</span>
          <input type="text" value={systemPrinter} onChange={(event) => setSystemPrinter(event.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('settings.save')}
          </button>
          <button type="button" className="button" onClick={() => void testPrint('network')}>
            {t('settings.testNetwork')}
          </button>
          <button type="button" className="button" onClick={() => void testPrint('dialog')}>
            {t('settings.testDialog')}
          </button>
        </div>
        {notice === null ? null : (
          <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="settings-notice">
            {notice.text}
          </p>
        )}
      </form>
    </div>
  );
}

/** Who may sign in at this desk, and by which badge. */
function OperatorsSection() {
  const { t } = useTranslation();
  const list = useDeskQuery('operators.list', {}, { refreshOn: ['operators'] });
  const operators = list.data?.operators ?? [];
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('operators.save', { name: name.trim(), ...(badge.trim() === '' ? {} : { badge: badge.trim() }) });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    void list.refresh();
    setName('');
    setBadge('');
    setError(null);
  }

  async function remove(operator: string) {
    const result = await deskClient().call('operators.remove', { name: operator });
    if (result.ok) void list.refresh();
    else setError(describeError(result.error));
  }

  return (
    <section aria-labelledby="operators-heading" className="operators-section">
      <h3 id="operators-heading">{t('settings.operatorsTitle')}</h3>
      <ul className="operators" data-testid="operators">
        {operators.map((operator) => (
          <li key={operator.name}>
            {operator.name} <span className="muted">({operator.hasBadge ? t('settings.hasBadge') : t('settings.noBadge')})</span>{' '}
            <button type="button" className="link-button" onClick={() => void remove(operator.name)}>
              {t('settings.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void save(event)} className="operator-form">
        <label className="field">
          <span>{t('settings.operatorName')}</span>
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} data-testid="operator-name-field" />
        </label>
        <label className="field">
          <span>{t('settings.operatorBadge')}</span>
          <input type="password" autoComplete="off" value={badge} onChange={(event) => setBadge(event.target.value)} data-testid="operator-badge-field" />
        </label>
        <button type="submit" className="button button--primary" disabled={name.trim() === ''}>
          {t('settings.addOperator')}
        </button>
        {error === null ? null : <p className="notice notice--error">{error}</p>}
      </form>
    </section>
  );
}

/** The database's backups: taken on a schedule and before every migration; restored from the command line. */
function BackupsSection() {
  const { t, i18n } = useTranslation();
  const list = useDeskQuery('backups.list', {}, { refreshOn: ['backups'] });
  const view = list.data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const size = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });

  async function backUpNow() {
    setBusy(true);
    const result = await deskClient().call('backups.create', {});
    setBusy(false);
    if (result.ok) {
      void list.refresh();
      setError(null);
    } else setError(describeError(result.error));
  }

  return (
    <section aria-labelledby="backups-heading" className="backups-section">
      <h3 id="backups-heading">{t('settings.backupsTitle')}</h3>
      <div className="actions">
        <button type="button" className="button" onClick={() => void backUpNow()} disabled={busy} data-testid="backup-now">
          {t('settings.backupNow')}
        </button>
        {busy ? <progress aria-label={t('settings.backingUp')} /> : null}
      </div>
      {error === null ? null : <p className="notice notice--error">{error}</p>}
      {view === null || view.backups.length === 0 ? (
        <p className="muted">{t('settings.noBackups')}</p>
      ) : (
        <table data-testid="backups">
          <thead>
            <tr>
              <th scope="col">{t('settings.backupWhen')}</th>
              <th scope="col">{t('settings.backupWhy')}</th>
              <th scope="col">{t('settings.backupSize')}</th>
              <th scope="col">{t('settings.backupFile')}</th>
            </tr>
          </thead>
          <tbody>
            {view.backups.map((backup) => (
              <tr key={backup.name}>
                <td>{time.format(new Date(backup.createdAt))}</td>
                <td>{backup.reason === 'scheduled' ? t('settings.backupScheduled') : t('settings.backupBeforeMigration', { version: backup.reason.replace('before-v', '') })}</td>
                <td>{t('settings.megabytes', { size: size.format(backup.bytes / 2 ** 20) })}</td>
                <td className="mono">{backup.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === null ? null : (
        <p>
          {t('settings.restoreHow')} <code data-testid="restore-command">{view.restoreCommand}</code>
        </p>
      )}
    </section>
  );
}
