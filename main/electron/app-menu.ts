import type { MenuItemConstructorOptions } from 'electron';

/** What the menu asks the renderer to do; sent over the desk's one event channel. */
export type MenuCommand = { readonly type: 'navigate'; readonly view: string } | { readonly type: 'syncNow' } | { readonly type: 'signIn' };

/** The desk's screens, in the order of the navigation, with their keyboard shortcuts. */
export const MENU_VIEWS: readonly { readonly view: string; readonly label: string; readonly accelerator: string }[] = [
  { view: 'scan', label: 'Scan station', accelerator: 'CmdOrCtrl+1' },
  { view: 'jobs', label: 'Jobs', accelerator: 'CmdOrCtrl+2' },
  { view: 'deadlines', label: 'Deadlines', accelerator: 'CmdOrCtrl+3' },
  { view: 'reports', label: 'Reports', accelerator: 'CmdOrCtrl+4' },
  { view: 'sync', label: 'Sync', accelerator: 'CmdOrCtrl+5' },
  { view: 'scanner', label: 'Scanner', accelerator: 'CmdOrCtrl+6' },
  { view: 'settings', label: 'Settings', accelerator: 'CmdOrCtrl+,' },
];

/**
 * The application menu: the desk's actions, the usual edit and window roles, and no developer tools
 * in a release build (the renderer is a kiosk for the desk, not a browser).
 */
export function buildMenuTemplate(send: (command: MenuCommand) => void, options: { readonly developer: boolean }): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Desk',
      submenu: [
        ...MENU_VIEWS.map((item) => ({ label: item.label, accelerator: item.accelerator, click: () => send({ type: 'navigate', view: item.view }) })),
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
