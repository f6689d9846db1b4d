import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';
import { describeError } from '../i18n/describe-error';
import { chooseBoardLanguage } from './board-language';
import { useBoardStore } from './board-store';
import { timeOnly } from './format';
import { SignIn } from './SignIn';
import { SiteBoard } from './SiteBoard';

/** The site board: a supervisor signs in and sees every desk of the site, live. */
export function BoardApp() {
  const { t, i18n } = useTranslation();
  const { account, live, loadedAt, error, checkSession, signOut } = useBoardStore();
  useEffect(() => {
    void checkSession();
  }, [checkSession]);

  return (
    <div className="app board">
      <header className="app-header">
        <h1>{t('board.title')}</h1>
        {account === null || account === false ? null : (
          <p className={`board-live${live ? ' board-live--on' : ''}`} role="status" data-testid="board-live">
            <span className="board-live__dot" aria-hidden="true" />
            {live ? t('board.live') : t('board.reconnecting')}
            {loadedAt === null ? null : <span className="board-live__time"> · {t('board.updated', { time: timeOnly(i18n.language, loadedAt) })}</span>}
          </p>
        )}
        <dl className="identity">
          {account === null || account === false ? null : (
            <div>
              <dt>{t('board.signedInAs')}</dt>
              <dd data-testid="board-account">{account.displayName}</dd>
            </div>
          )}
          <div>
            <dd>
              <LanguageSelect onSelect={(locale) => void chooseBoardLanguage(locale)} />
            </dd>
          </div>
          {account === null || account === false ? null : (
            <div>
              <dd>
                <button type="button" className="sound-toggle" onClick={() => void signOut()} data-testid="sign-out">
                  {t('board.signOut')}
                </button>
              </dd>
            </div>
          )}
        </dl>
      </header>
      <main className="app-main">
        {error === null ? null : (
          <p className="notice notice--error" role="alert" data-testid="board-error">
            {describeError(error)}
          </p>
        )}
        {account === null ? <p className="muted">{t('board.loading')}</p> : account === false ? <SignIn /> : <SiteBoard />}
      </main>
    </div>
  );
}
