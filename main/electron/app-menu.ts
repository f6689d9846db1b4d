import type { MenuItemConstructorOptions } from 'electron';
import { SCREENS, type MenuCommand } from '../../shared/ui/screens';
import { isLocale, type Locale } from '../../shared/i18n/locales';
import cs from '../../renderer/src/i18n/locales/cs.json';
import en from '../../renderer/src/i18n/locales/en.json';
import es from '../../renderer/src/i18n/locales/es.json';
import ptBR from '../../renderer/src/i18n/locales/pt-BR.json';
import ru from '../../renderer/src/i18n/locales/ru.json';
import sv from '../../renderer/src/i18n/locales/sv.json';

export type { MenuCommand };

/** The menu's words come from the screens' catalogues (docs/i18n.md), in the desk's language. */
const CATALOGUES: Readonly<Record<Locale, { readonly nav: Readonly<Record<string, string>>; readonly menu: Readonly<Record<string, string>> }>> = {
  en,
  cs,
  ru,
  'pt-BR': ptBR,
  sv,
  es,
};

export interface MenuOptions {
  readonly developer: boolean;
  /** The desk's language; English when it is none the desk knows. */
  readonly locale?: string;
}

/**
 * The application menu: the desk's actions, the usual edit and window commands, and no developer
 * tools in a release build (the renderer is a kiosk for the desk, not a browser). Every label is in
 * the desk's language: roles keep their behaviour, the catalogue gives their words.
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, options: MenuOptions): MenuItemConstructorOptions[] {
  const words = CATALOGUES[options.locale !== undefined && isLocale(options.locale) ? options.locale : 'en'];
  const menu = (key: string) => words.menu[key] ?? en.menu[key as keyof typeof en.menu];
  const item = (role: NonNullable<MenuItemConstructorOptions['role']>, key: string): MenuItemConstructorOptions => ({ role, label: menu(key) });
  return [
    {
      label: menu('desk'),
      submenu: [
        ...SCREENS.map((screen) => ({
          label: words.nav[screen.id] ?? screen.menuLabel,
          accelerator: screen.accelerator,
          click: () => send({ type: 'navigate', screen: screen.id }),
        })),
        { type: 'separator' },
        { label: menu('syncNow'), accelerator: 'CmdOrCtrl+Shift+S', click: () => send({ type: 'syncNow' }) },
        { label: menu('switchOperator'), accelerator: 'CmdOrCtrl+Shift+O', click: () => send({ type: 'signIn' }) },
        { type: 'separator' },
        item('quit', 'quit'),
      ],
    },
    {
      label: menu('edit'),
      submenu: [
        item('undo', 'undo'),
        item('redo', 'redo'),
        { type: 'separator' },
        item('cut', 'cut'),
        item('copy', 'copy'),
        item('paste', 'paste'),
        item('selectAll', 'selectAll'),
      ],
    },
    {
      label: menu('view'),
      submenu: [
        item('resetZoom', 'resetZoom'),
        item('zoomIn', 'zoomIn'),
        item('zoomOut', 'zoomOut'),
        item('togglefullscreen', 'fullScreen'),
        ...(options.developer ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    { label: menu('window'), submenu: [item('minimize', 'minimize'), item('close', 'closeWindow')] },
  ];
}
