import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { selectTransport } from './transport/select-transport';
import { installDeskClient } from './state/desk-client';
import { useAppStore } from './state/app-store';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const i18n = await initI18n();
  const choice = selectTransport();
  if (choice.kind === 'missingToken') {
    root.render(<p className="notice notice--error">{i18n.t('app.missingToken')}</p>);
    return;
  }
  installDeskClient(choice.transport);
  useAppStore.getState().setMode(choice.kind);
  await useAppStore.getState().loadSettings();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
