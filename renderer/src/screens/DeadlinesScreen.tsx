import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../shared/rpc/envelope';
import type { Deadlines, HeldPackageDeadline } from '../../../shared/rpc/results';
import { StateLabel } from '../components/StateLabel';
import { QueryState } from '../components/QueryState';
import { ConfirmAction } from '../components/ConfirmAction';
import { HeldPackageDialog, type HeldAction } from '../components/HeldPackageActions';
import { JobFollowUpDialog, type JobAction } from '../components/JobFollowUpDialog';
import { useDeskQuery } from '../data/use-desk-query';
import { deskClient } from '../state/desk-client';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The actions a held package offers now: contact always, the others when the rules allow them. */
function heldActions(pkg: HeldPackageDeadline): HeldAction[] {
  const actions: HeldAction[] = ['contact'];
  if (pkg.canRelease) actions.push('release');
  actions.push('return');
  if (pkg.canDestroy) actions.push('destroy');
  return actions;
}

type Acting =
  | { readonly kind: 'held'; readonly pkg: HeldPackageDeadline; readonly action: HeldAction }
  | { readonly kind: 'job'; readonly jobId: string; readonly action: JobAction }
  | { readonly kind: 'purge' };

/**
 * What the operations team must act on, each case with its next step and the action that takes it
 * (docs/receiving-rules.md, "Deadlines"). Empty date: now, by the desk's clock, where the actions
 * run; another date is a preview of what it would say, and the purge still acts on today only.
 */
export function DeadlinesScreen() {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [acting, setActing] = useState<Acting | null>(null);
  const [wouldPurge, setWouldPurge] = useState<readonly string[] | null>(null);
  const preview = DATE_PATTERN.test(asOf);
  // Held packages, overdue, blocked, cancelled and ended jobs: all follow jobs and packages.
  const query = useDeskQuery('deadlines.list', preview ? { asOf } : {}, { refreshOn: ['jobs', 'packages', 'drives'] });
  const deadlines = query.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const show = (iso: string) => date.format(new Date(iso));
  const done = (text: string) => setMessage(text);
  const act = (next: Acting) => {
    setMessage(null);
    setActing(next);
  };

  async function askPurge() {
    // What today would purge, by the desk's own clock: the confirmation says it before anything goes.
    const result = await deskClient().call('deadlines.list', {});
    setWouldPurge(result.ok ? result.value.endedJobs.filter((job) => job.due).map((job) => job.jobId) : []);
    act({ kind: 'purge' });
  }

  async function purge(badge: string | undefined): Promise<Pick<RpcError, 'code' | 'message' | 'key' | 'params'> | null> {
    const result = await deskClient().call('jobs.purge', { supervisorBadge: badge ?? '' });
    if (!result.ok) return result.error;
    setMessage(result.value.purged.length === 0 ? t('deadlines.purgedNone') : t('deadlines.purged', { jobs: result.value.purged.join(', ') }));
    return null;
  }

  return (
    <div className="deadlines-view">
      <h2>{t('deadlines.title')}</h2>
      <div className="actions">
        <label className="field field--inline">
          <span>{t('deadlines.asOf')}</span>
          <input type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} data-testid="deadlines-as-of" />
        </label>
        <button type="button" className="button" onClick={() => setAsOf('')} disabled={!preview} data-testid="deadlines-now">
          {t('deadlines.now')}
        </button>
      </div>
      {deadlines === null ? null : (
        <p className={preview ? 'notice notice--warning' : 'muted'} data-testid="deadlines-when">
          {preview ? t('deadlines.previewOf', { date: show(deadlines.asOf) }) : t('deadlines.asOfNow', { date: show(deadlines.asOf) })}
        </p>
      )}
      <QueryState query={query}>{() => null}</QueryState>
      {message === null ? null : (
        <p className="notice" role="status" data-testid="deadlines-done">
          {message}
        </p>
      )}
      {deadlines === null ? null : (
        <>
          <HeldSection deadlines={deadlines} show={show} actionsShown={!preview} onAct={(pkg, action) => act({ kind: 'held', pkg, action })} />
          <OverdueSection deadlines={deadlines} show={show} actionsShown={!preview} onAct={(jobId, action) => act({ kind: 'job', jobId, action })} />
          <BlockedSection deadlines={deadlines} show={show} actionsShown={!preview} onAct={(jobId, action) => act({ kind: 'job', jobId, action })} />
          <CancelledSection deadlines={deadlines} actionsShown={!preview} onAct={(jobId, action) => act({ kind: 'job', jobId, action })} />
          <section aria-labelledby="ended-heading">
            <h3 id="ended-heading">{t('deadlines.ended')}</h3>
            {deadlines.endedJobs.length === 0 ? (
              <p className="muted">{t('deadlines.endedEmpty')}</p>
            ) : (
              <>
                <table data-testid="ended-jobs">
                  <thead>
                    <tr>
                      <th scope="col">{t('deadlines.job')}</th>
                      <th scope="col">{t('deadlines.state')}</th>
                      <th scope="col">{t('deadlines.endedAt')}</th>
                      <th scope="col">{t('deadlines.purgeAt')}</th>
                      <th scope="col">{t('deadlines.stage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deadlines.endedJobs.map((job) => (
                      <tr key={job.jobId} data-job={job.jobId} data-due={job.due}>
                        <td translate="no">{job.jobId}</td>
                        <td>
                          <StateLabel state={job.state} kind="job" />
                        </td>
                        <td>{show(job.endedAt)}</td>
                        <td>{show(job.purgeAt)}</td>
                        <td>{job.due ? t('deadlines.purgeDue') : t('deadlines.purgeNotDue')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{t('deadlines.purgeToday')}</p>
                <button type="button" className="button" onClick={() => void askPurge()} data-testid="deadlines-purge">
                  {t('deadlines.purge')}
                </button>
              </>
            )}
          </section>
        </>
      )}
      {acting?.kind === 'held' ? (
        <HeldPackageDialog
          target={{ packageId: acting.pkg.packageId, trackingNumber: acting.pkg.trackingNumber, jobId: acting.pkg.jobId, returnDue: acting.pkg.canReturn, serials: acting.pkg.serials }}
          action={acting.action}
          onDone={done}
          onClose={() => setActing(null)}
        />
      ) : null}
      {acting?.kind === 'job' ? <JobFollowUpDialog jobId={acting.jobId} action={acting.action} onDone={done} onClose={() => setActing(null)} /> : null}
      {acting?.kind === 'purge' ? (
        <ConfirmAction
          title={t('deadlines.purgeTitle')}
          confirmLabel={t('deadlines.purge')}
          supervisor
          onConfirm={(fields) => purge(fields.supervisorBadge)}
          onClose={() => setActing(null)}
          testId="purge"
        >
          <p>{wouldPurge === null || wouldPurge.length === 0 ? t('deadlines.purgeNothingToday') : t('deadlines.purgeWhat', { number: wouldPurge.length })}</p>
          {wouldPurge === null || wouldPurge.length === 0 ? null : (
            <p translate="no" className="mono">
              {wouldPurge.join(', ')}
            </p>
          )}
        </ConfirmAction>
      ) : null}
    </div>
  );
}

function ActionButtons<A extends string>({ actions, label, labelFor, name, testPrefix, onAct }: {
  readonly actions: readonly A[];
  readonly label: (action: A) => string;
  readonly labelFor: (action: A) => string;
  readonly name: string;
  readonly testPrefix: string;
  readonly onAct: (action: A) => void;
}) {
  return (
    <div className="row-actions">
      {actions.map((action) => (
        <button key={action} type="button" className="link-button" onClick={() => onAct(action)} aria-label={labelFor(action)} data-testid={`${testPrefix}-${action}-${name}`}>
          {label(action)}
        </button>
      ))}
    </div>
  );
}

function Contacts({ contacts, last, show }: { readonly contacts: number; readonly last: string | null; readonly show: (iso: string) => string }) {
  const { t } = useTranslation();
  if (contacts === 0) return <>{t('deadlines.noContact')}</>;
  return <>{t('deadlines.contacts', { number: contacts, last: last === null ? '' : show(last) })}</>;
}

function HeldSection({ deadlines, show, actionsShown, onAct }: { readonly deadlines: Deadlines; readonly show: (iso: string) => string; readonly actionsShown: boolean; readonly onAct: (pkg: HeldPackageDeadline, action: HeldAction) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="held-heading">
      <h3 id="held-heading">{t('deadlines.held')}</h3>
      {deadlines.heldPackages.length === 0 ? (
        <p className="muted">{t('deadlines.heldEmpty')}</p>
      ) : (
        <table data-testid="held-packages">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.tracking')}</th>
              <th scope="col">{t('deadlines.job')}</th>
              <th scope="col">{t('deadlines.heldSince')}</th>
              <th scope="col">{t('deadlines.returnBy')}</th>
              <th scope="col">{t('deadlines.destroyBy')}</th>
              <th scope="col">{t('deadlines.stage')}</th>
              <th scope="col">{t('deadlines.contactsTitle')}</th>
              <th scope="col">{t('deadlines.drives')}</th>
              {actionsShown ? <th scope="col">{t('deadlines.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {deadlines.heldPackages.map((pkg) => (
              <tr key={pkg.packageId} data-stage={pkg.stage} data-next={pkg.nextStep} data-tracking={pkg.trackingNumber}>
                <td className="mono" translate="no">
                  {pkg.trackingNumber}
                  {pkg.damaged ? <div className="badge">{t('damage.damaged')}</div> : null}
                </td>
                <td>
                  {pkg.jobId === null ? t('deadlines.unknownJob') : <span translate="no">{pkg.jobId}</span>} {pkg.jobState === null ? null : <StateLabel state={pkg.jobState} kind="job" />}
                </td>
                <td>{show(pkg.heldSince)}</td>
                <td>{show(pkg.returnBy)}</td>
                <td>{show(pkg.destroyBy)}</td>
                <td className={`stage stage--${pkg.stage}`}>{t(`deadlines.next.${pkg.nextStep}`)}</td>
                <td>
                  <Contacts contacts={pkg.contacts} last={pkg.lastContactAt} show={show} />
                </td>
                <td className="mono" translate="no">
                  {pkg.serials.join(', ')}
                </td>
                {actionsShown ? (
                  <td>
                    <ActionButtons
                      actions={heldActions(pkg)}
                      label={(action) => t(`packageBoard.action.${action}`)}
                      labelFor={(action) => t(`packageBoard.actionFor.${action}`, { tracking: pkg.trackingNumber })}
                      name={pkg.trackingNumber}
                      testPrefix="held"
                      onAct={(action) => onAct(pkg, action)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OverdueSection({ deadlines, show, actionsShown, onAct }: { readonly deadlines: Deadlines; readonly show: (iso: string) => string; readonly actionsShown: boolean; readonly onAct: (jobId: string, action: JobAction) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="overdue-heading">
      <h3 id="overdue-heading">{t('deadlines.overdue')}</h3>
      {deadlines.overdueJobs.length === 0 ? (
        <p className="muted">{t('deadlines.overdueEmpty')}</p>
      ) : (
        <table data-testid="overdue-jobs">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.job')}</th>
              <th scope="col">{t('deadlines.tracking')}</th>
              <th scope="col">{t('deadlines.shippingSince')}</th>
              <th scope="col">{t('deadlines.overdueAt')}</th>
              <th scope="col">{t('deadlines.closeAt')}</th>
              <th scope="col">{t('deadlines.stage')}</th>
              <th scope="col">{t('deadlines.contactsTitle')}</th>
              {actionsShown ? <th scope="col">{t('deadlines.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {deadlines.overdueJobs.map((job) => (
              <tr key={job.jobId} data-stage={job.stage} data-job={job.jobId}>
                <td translate="no">{job.jobId}</td>
                <td className="mono" translate="no">
                  {job.trackingNumber ?? ''}
                </td>
                <td>{show(job.shippingSince)}</td>
                <td>{show(job.overdueAt)}</td>
                <td>{show(job.closeAt)}</td>
                <td className={`stage stage--${job.stage}`}>
                  {t(`deadlines.stages.${job.stage}`)}
                  {job.waitUntil === null ? null : <div className="muted">{t('deadlines.waitUntil', { date: show(job.waitUntil) })}</div>}
                </td>
                <td>
                  <Contacts contacts={job.contacts} last={job.lastContactAt} show={show} />
                </td>
                {actionsShown ? (
                  <td>
                    <ActionButtons
                      actions={job.canClose ? (['contact', 'extendWait', 'closeUnanswered'] as const) : (['contact', 'extendWait'] as const)}
                      label={(action) => t(`deadlines.jobAction.${action}`)}
                      labelFor={(action) => t(`deadlines.jobActionFor.${action}`, { job: job.jobId })}
                      name={job.jobId}
                      testPrefix="overdue"
                      onAct={(action) => onAct(job.jobId, action)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BlockedSection({ deadlines, show, actionsShown, onAct }: { readonly deadlines: Deadlines; readonly show: (iso: string) => string; readonly actionsShown: boolean; readonly onAct: (jobId: string, action: JobAction) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="blocked-heading">
      <h3 id="blocked-heading">{t('deadlines.blocked')}</h3>
      {deadlines.blockedJobs.length === 0 ? (
        <p className="muted">{t('deadlines.blockedEmpty')}</p>
      ) : (
        <table data-testid="blocked-jobs">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.job')}</th>
              <th scope="col">{t('deadlines.state')}</th>
              <th scope="col">{t('deadlines.flaggedAt')}</th>
              <th scope="col">{t('deadlines.destroyBy')}</th>
              <th scope="col">{t('deadlines.stage')}</th>
              <th scope="col">{t('deadlines.contactsTitle')}</th>
              {actionsShown ? <th scope="col">{t('deadlines.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {deadlines.blockedJobs.map((job) => (
              <tr key={job.jobId} data-job={job.jobId} data-can-destroy={job.canDestroy}>
                <td translate="no">{job.jobId}</td>
                <td>
                  <StateLabel state={job.state} kind="job" />
                </td>
                <td>{show(job.flaggedAt)}</td>
                <td>{show(job.destroyBy)}</td>
                <td>{job.canDestroy ? t('deadlines.blockedDestroy') : t('deadlines.blockedContact')}</td>
                <td>
                  <Contacts contacts={job.contacts} last={job.lastContactAt} show={show} />
                </td>
                {actionsShown ? (
                  <td>
                    <ActionButtons
                      actions={job.canDestroy ? (['contact', 'destroyDrives'] as const) : (['contact'] as const)}
                      label={(action) => t(`deadlines.jobAction.${action}`)}
                      labelFor={(action) => t(`deadlines.jobActionFor.${action}`, { job: job.jobId })}
                      name={job.jobId}
                      testPrefix="blocked"
                      onAct={(action) => onAct(job.jobId, action)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CancelledSection({ deadlines, actionsShown, onAct }: { readonly deadlines: Deadlines; readonly actionsShown: boolean; readonly onAct: (jobId: string, action: JobAction) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cancelled-heading">
      <h3 id="cancelled-heading">{t('deadlines.cancelled')}</h3>
      {deadlines.cancelledJobs.length === 0 ? (
        <p className="muted">{t('deadlines.cancelledEmpty')}</p>
      ) : (
        <table data-testid="cancelled-jobs">
          <thead>
            <tr>
              <th scope="col">{t('deadlines.job')}</th>
              <th scope="col">{t('deadlines.state')}</th>
              <th scope="col">{t('deadlines.drivesNeverReceived')}</th>
              <th scope="col">{t('deadlines.stage')}</th>
              {actionsShown ? <th scope="col">{t('deadlines.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {deadlines.cancelledJobs.map((job) => (
              <tr key={job.jobId} data-job={job.jobId}>
                <td translate="no">{job.jobId}</td>
                <td>
                  <StateLabel state={job.state} kind="job" />
                </td>
                <td>{job.drives}</td>
                <td>{t('deadlines.cancelledNext')}</td>
                {actionsShown ? (
                  <td>
                    <ActionButtons
                      actions={['closeCancelled'] as const}
                      label={(action) => t(`deadlines.jobAction.${action}`)}
                      labelFor={(action) => t(`deadlines.jobActionFor.${action}`, { job: job.jobId })}
                      name={job.jobId}
                      testPrefix="cancelled"
                      onAct={(action) => onAct(job.jobId, action)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
