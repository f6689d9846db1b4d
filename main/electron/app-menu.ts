import type { MenuItemConstructorOptions } from 'electron';
import { SCREENS, type MenuCommand } from '../../shared/ui/screens';

export type { MenuCommand };

/**
 * The application menu: the desk's actions, the usual edit and window roles, and no developer tools
 * in a release build (the renderer is a kiosk for the desk, not a browser).
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, options: { readonly developer: boolean }): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Desk',
      submenu: [
        ...SCREENS.map((screen) => ({ label: screen.menuLabel, accelerator: screen.accelerator, click: () => send({ type: 'navigate', screen: screen.id }) })),
        { type: 'separator' },
        { label: 'Sync now', accelerator: 'CmdOrCtrl+Shift+S', click: () => send({ type: 'syncNow' }) },
        { label: 'Switch operator…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send({ type: 'signIn' }) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(options.developer ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    { role: 'windowMenu' },
  ];
}
