import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { selectTransport } from './transport/select-transport';
import { installDeskConnection } from './state/desk-client';
import { followSyncStatus } from './state/sync-store';
import { followSettings } from './state/app-store';
import { followPackageChanges } from './state/scan-station-store';
import { useAppStore } from './state/app-store';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const i18n = await initI18n();
  const choice = await selectTransport();
  if (choice.kind === 'missingToken') {
    root.render(<p className="notice notice--error">{i18n.t('app.missingToken')}</p>);
    return;
  }
  installDeskConnection(choice.connection);
  useAppStore.getState().setMode(choice.connection.kind);
  // The stores that live as long as the page follow the desk's events; screens follow theirs (useDeskQuery).
  followSettings();
  followSyncStatus();
  followPackageChanges();
  await useAppStore.getState().loadSettings();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
