import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelDpi, OperatorRole } from '../../../shared/rpc/results';
import { ConfirmAction, needsSupervisorBadge } from '../components/ConfirmAction';
import { useDeskQuery } from '../data/use-desk-query';
import { useAppStore } from '../state/app-store';
import { deskClient } from '../state/desk-client';
import { printOnSystemPrinter, printsThroughPreview } from '../printing/print-pdf';
import { usePrintStore } from '../state/print-store';
import { describeError } from '../i18n/describe-error';
import { DeskAndDemo } from '../components/DeskAndDemo';

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

  const [printerConfirm, setPrinterConfirm] = useState(false);

  async function savePrinter(supervisorBadge?: string) {
    const result = await deskClient().call('settings.set', {
      zplPrinterHost: host.trim(),
      zplPrinterPort: Number(port),
      zplDpi: dpi,
      systemPrinter: systemPrinter.trim(),
      ...(supervisorBadge === undefined ? {} : { supervisorBadge }),
    });
    if (!result.ok) return result.error;
    setNotice({ error: false, text: t('settings.saved') });
    await loadSettings();
    return null;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // Changing printers is a supervisor's action once the desk has a supervisor (docs/receiving-rules.md, "Roles").
    if (settings?.hasSupervisor === true) {
      setPrinterConfirm(true);
      return;
    }
    const refusal = await savePrinter();
    if (refusal === null) return;
    if (needsSupervisorBadge(refusal)) setPrinterConfirm(true);
    else setNotice({ error: true, text: describeError(refusal) });
  }

  /**
   * The test label: to the network printer or the app's printer profile (logged as printed), or into
   * the print preview (rendered, nothing logged; its Print or Download logs what really happened).
   */
  async function testPrint(printer: 'network' | 'dialog') {
    const systemPrinter = settings?.systemPrinter ?? null;
    if (printer === 'dialog' && printsThroughPreview(systemPrinter)) {
      const rendered = await deskClient().call('printers.testRender', {});
      if (rendered.ok) usePrintStore.getState().show(rendered.value, { test: true });
      setNotice(rendered.ok ? null : { error: true, text: describeError(rendered.error) });
      return;
    }
    const result = await deskClient().call('printers.testPrint', { printer });
    if (!result.ok) {
      setNotice({ error: true, text: describeError(result.error) });
      return;
    }
    const outcome = result.value.document === null ? null : await printOnSystemPrinter(result.value.document, systemPrinter);
    setNotice(outcome !== null && 'error' in outcome ? { error: true, text: outcome.error } : { error: false, text: t('settings.testPrinted') });
  }

  return (
    <div className="settings-view">
      <h2>{t('settings.title')}</h2>
      <DeskAndDemo />
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
            <option value={203} translate="no">
              203 dpi
            </option>
            <option value={300} translate="no">
              300 dpi
            </option>
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
      {printerConfirm ? (
        <ConfirmAction
          title={t('settings.printerConfirmTitle')}
          confirmLabel={t('settings.save')}
          supervisor
          onConfirm={(fields) => savePrinter(fields.supervisorBadge)}
          onClose={() => setPrinterConfirm(false)}
          testId="printer-confirm"
        >
          <p>{t('settings.printerConfirmWhat')}</p>
        </ConfirmAction>
      ) : null}
    </div>
  );
}

/**
 * Who may sign in at this desk, their role and their badge (docs/receiving-rules.md, "Roles"). A
 * badge is a credential: typed or scanned into a password field, sent once, never shown back (the
 * list says only whether one is on file). Once the desk has a supervisor, saving or removing asks
 * for a supervisor's badge scanned at that moment.
 */
function OperatorsSection() {
  const { t } = useTranslation();
  const list = useDeskQuery('operators.list', {}, { refreshOn: ['operators'] });
  const operators = list.data?.operators ?? [];
  const hasSupervisor = useAppStore((state) => state.settings?.hasSupervisor ?? false);
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [role, setRole] = useState<OperatorRole>('operator');
  const [title, setTitle] = useState('');
  const [phone, setPhone] = useState('');
  const [confirming, setConfirming] = useState<{ kind: 'save' } | { kind: 'remove'; name: string } | null>(null);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function save(supervisorBadge?: string) {
    const result = await deskClient().call('operators.save', {
      name: name.trim(),
      role,
      ...(badge.trim() === '' ? {} : { badge: badge.trim() }),
      ...(title.trim() === '' ? {} : { title: title.trim() }),
      ...(phone.trim() === '' ? {} : { phone: phone.trim() }),
      ...(supervisorBadge === undefined ? {} : { supervisorBadge }),
    });
    if (!result.ok) return result.error;
    setNotice({ error: false, text: t('settings.operatorSaved', { name: name.trim() }) });
    setName('');
    setBadge('');
    setTitle('');
    setPhone('');
    setRole('operator');
    // Whether the desk has a supervisor now decides whether the next change needs a badge.
    await useAppStore.getState().loadSettings();
    return null;
  }

  async function remove(operator: string, supervisorBadge?: string) {
    const result = await deskClient().call('operators.remove', { name: operator, ...(supervisorBadge === undefined ? {} : { supervisorBadge }) });
    if (!result.ok) return result.error;
    setNotice({ error: false, text: t('settings.operatorRemoved', { name: operator }) });
    await useAppStore.getState().loadSettings();
    return null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (hasSupervisor) {
      setConfirming({ kind: 'save' });
      return;
    }
    const refusal = await save();
    if (refusal !== null) {
      if (needsSupervisorBadge(refusal)) setConfirming({ kind: 'save' });
      else setNotice({ error: true, text: describeError(refusal) });
    }
  }

  async function askRemove(operator: string) {
    setNotice(null);
    if (hasSupervisor) {
      setConfirming({ kind: 'remove', name: operator });
      return;
    }
    const refusal = await remove(operator);
    if (refusal !== null) {
      if (needsSupervisorBadge(refusal)) setConfirming({ kind: 'remove', name: operator });
      else setNotice({ error: true, text: describeError(refusal) });
    }
  }

  return (
    <section aria-labelledby="operators-heading" className="operators-section">
      <h3 id="operators-heading">{t('settings.operatorsTitle')}</h3>
      <table className="operators" data-testid="operators">
        <thead>
          <tr>
            <th scope="col">{t('settings.operatorName')}</th>
            <th scope="col">{t('settings.operatorRole')}</th>
            <th scope="col">{t('settings.operatorTitle')}</th>
            <th scope="col">{t('settings.operatorBadgeOnFile')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.operatorActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.name} data-operator={operator.name} data-role={operator.role}>
              <th scope="row" translate="no">
                {operator.name}
              </th>
              <td>{t(`settings.roles.${operator.role}`)}</td>
              <td translate="no">{operator.title ?? ''}</td>
              <td>{operator.hasBadge ? t('settings.hasBadge') : t('settings.noBadge')}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void askRemove(operator.name)}
                  aria-label={t('settings.removeOperator', { name: operator.name })}
                  data-testid={`operator-remove-${operator.name}`}
                >
                  {t('settings.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(event) => void submit(event)} className="operator-form">
        <label className="field">
          <span>{t('settings.operatorName')}</span>
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} data-testid="operator-name-field" />
        </label>
        <label className="field">
          <span>{t('settings.operatorRole')}</span>
          <select value={role} onChange={(event) => setRole(event.target.value === 'supervisor' ? 'supervisor' : 'operator')} data-testid="operator-role-field">
            <option value="operator">{t('settings.roles.operator')}</option>
            <option value="supervisor">{t('settings.roles.supervisor')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.operatorBadge')}</span>
          <input type="password" autoComplete="off" value={badge} onChange={(event) => setBadge(event.target.value)} data-testid="operator-badge-field" />
          <span className="muted">{t('settings.badgeNeverShown')}</span>
        </label>
        <label className="field">
          <span>{t('settings.operatorTitle')}</span>
          <input type="text" value={title} onChange={(event) => setTitle(event.target.value)} data-testid="operator-title-field" />
        </label>
        <label className="field">
          <span>{t('settings.operatorPhone')}</span>
          <input type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} data-testid="operator-phone-field" />
        </label>
        <button type="submit" className="button button--primary" disabled={name.trim() === ''} data-testid="operator-save">
          {t('settings.addOperator')}
        </button>
        {notice === null ? null : (
          <p className={`notice${notice.error ? ' notice--error' : ''}`} role="status" data-testid="operators-notice">
            {notice.text}
          </p>
        )}
      </form>
      {confirming === null ? null : (
        <ConfirmAction
          title={confirming.kind === 'save' ? t('settings.operatorSaveTitle', { name: name.trim() }) : t('settings.operatorRemoveTitle', { name: confirming.name })}
          confirmLabel={confirming.kind === 'save' ? t('settings.addOperator') : t('settings.remove')}
          supervisor
          onConfirm={(fields) => (confirming.kind === 'save' ? save(fields.supervisorBadge) : remove(confirming.name, fields.supervisorBadge))}
          onClose={() => setConfirming(null)}
          testId="operator-confirm"
        >
          <p>
            {confirming.kind === 'save'
              ? t('settings.operatorSaveWhat', { name: name.trim(), role: t(`settings.roles.${role}`) })
              : t('settings.operatorRemoveWhat', { name: confirming.name })}
          </p>
        </ConfirmAction>
      )}
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
                <td className="mono" translate="no">
                  {backup.name}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === null ? null : (
        <p>
          {t('settings.restoreHow')} <code data-testid="restore-command" translate="no">{view.restoreCommand}</code>
        </p>
      )}
    </section>
  );
}
