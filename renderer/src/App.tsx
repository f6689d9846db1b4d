import { useTranslation } from 'react-i18next';
import { useAppStore } from './state/app-store';
import { DriveHistoryPanel } from './components/DriveHistoryPanel';
import { useVerdictSound } from './feedback/use-verdict-sound';
import { usePreferences } from './state/preferences-store';
import { PrintPreview } from './components/PrintPreview';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SignInDialog } from './components/SignInDialog';
import { useEffect, useState } from 'react';
import { useSyncStore } from './state/sync-store';
import { SyncStatusBar } from './components/SyncStatusBar';
import { SCREEN_IDS, isScreenId } from '../../shared/ui/screens';
import { SCREEN_COMPONENTS } from './screens/registry';
import { useScanRouting } from './scanning/use-scan-routing';
import { useScanStation } from './state/scan-station-store';
import { AppNoticeBar } from './components/AppNoticeBar';
import { CodeSearch } from './components/CodeSearch';
import { deskNameWords, operatorWords } from './i18n/data-words';

/** The longest wait a browser timer takes (2^31 − 1 ms, about 24 days); a shift is at most a day. */
const MAX_TIMER_MS = 2_147_483_647;

export function App() {
  const { t } = useTranslation();
  const { screen, show, settings, mode, historySerial } = useAppStore();
  const Screen = SCREEN_COMPONENTS[screen];
  const { soundOn, toggleSound, volume, setVolume } = usePreferences();
  const [signingIn, setSigningIn] = useState(false);
  // The desktop app's menu (main/electron/app-menu.ts) asks for screens and actions over the bridge.
  useEffect(
    () =>
      window.desk?.onMenuCommand((command) => {
        if (command.type === 'navigate' && isScreenId(command.screen)) show(command.screen);
        else if (command.type === 'syncNow') void useSyncStore.getState().runNow();
        else if (command.type === 'signIn') setSigningIn(true);
      }),
    [show],
  );
  // A sign-in lasts a shift (settings' shiftHours): at its end the desk asks the operator to sign in again.
  const expiresAt = settings?.signInExpiresAt ?? null;
  const expired = settings?.signInExpired === true;
  useEffect(() => {
    if (expired) setSigningIn(true);
  }, [expired]);
  useEffect(() => {
    if (expiresAt === null) return undefined;
    const wait = Date.parse(expiresAt) - Date.now();
    if (!(wait > 0) || wait > MAX_TIMER_MS) return undefined;
    const timer = window.setTimeout(() => void useAppStore.getState().loadSettings(), wait);
    return () => window.clearTimeout(timer);
  }, [expiresAt]);
  // The desktop app allows the camera while the check-in screen is shown, and only then.
  useEffect(() => window.desk?.screenShown(screen), [screen]);
  useVerdictSound();
  useScanRouting();
  // A package left open before a reload comes back with its scans.
  useEffect(() => useScanStation.getState().restore(), []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('nav.label')}>
          {SCREEN_IDS.map((name) => (
            <button
              key={name}
              type="button"
              className={`nav-button${screen === name ? ' nav-button--active' : ''}`}
              aria-current={screen === name ? 'page' : undefined}
              onClick={() => show(name)}
              data-screen={name}
            >
              {t(`nav.${name}`)}
            </button>
          ))}
        </nav>
        <CodeSearch />
        <dl className="identity">
          <div>
            <dt>{t('app.desk')}</dt>
            <dd data-testid="desk-name">{settings === null ? '' : deskNameWords(t, settings)}</dd>
          </div>
          <div>
            <dt>{t('app.operator')}</dt>
            <dd>
              <span data-testid="operator-name">{settings === null ? '' : operatorWords(t, settings.operator)}</span>{' '}
              <button type="button" className="link-button link-button--light" onClick={() => setSigningIn(true)} data-testid="switch-operator">
                {t('signIn.switch')}
              </button>
            </dd>
          </div>
          <div>
            <dd>
              <LanguageSwitch />
            </dd>
          </div>
          <div>
            <dd>
              <button type="button" className="sound-toggle" aria-pressed={soundOn} onClick={toggleSound}>
                {soundOn ? t('app.soundOn') : t('app.soundOff')}
              </button>{' '}
              <label className="volume">
                <span className="visually-hidden">{t('app.volume')}</span>
                <input
                  type="range"
                  min={0}
                  max={1}
                  step={0.1}
                  value={volume}
                  disabled={!soundOn}
                  onChange={(event) => setVolume(Number(event.target.value))}
                  data-testid="volume"
                />
              </label>
            </dd>
          </div>
          <div>
            <dd className="badge">{mode === 'electron' ? t('app.modeElectron') : t('app.modeWeb')}</dd>
          </div>
        </dl>
      </header>
      <SyncStatusBar />
      <AppNoticeBar />
      <div className="app-body">
        <main className="app-main">
          <Screen />
        </main>
        {historySerial === null ? null : <DriveHistoryPanel serial={historySerial} />}
      </div>
      <PrintPreview />
      {signingIn ? <SignInDialog expired={expired} onClose={() => setSigningIn(false)} /> : null}
    </div>
  );
}
