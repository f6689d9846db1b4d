import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { BoardApp } from './BoardApp';
import { applyBoardLanguage, preferredBoardLocale } from './board-language';
import '../styles.css';
import './board.css';

/** The site board's page (docs/site-board.md): the renderer's second entry, served by the hub. */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const locale = preferredBoardLocale();
  await initI18n(locale);
  await applyBoardLanguage(locale);
  root.render(
    <StrictMode>
      <BoardApp />
    </StrictMode>,
  );
}

void start();
