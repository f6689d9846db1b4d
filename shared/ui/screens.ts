/**
 * The desk's screens, in navigation order: the one list the renderer's store and navigation and the
 * desktop app's menu are built from. A new screen is one entry here plus its component in
 * renderer/src/screens/registry.ts and a `nav.<id>` text in every catalogue (docs/architecture.md,
 * "Renderer").
 */
export const SCREENS = [
  { id: 'scan', menuLabel: 'Scan station', accelerator: 'CmdOrCtrl+1' },
  { id: 'jobs', menuLabel: 'Jobs', accelerator: 'CmdOrCtrl+2' },
  { id: 'packages', menuLabel: 'Packages', accelerator: 'CmdOrCtrl+7' },
  { id: 'deadlines', menuLabel: 'Deadlines', accelerator: 'CmdOrCtrl+3' },
  { id: 'reports', menuLabel: 'Reports', accelerator: 'CmdOrCtrl+4' },
  { id: 'shifts', menuLabel: 'Shift', accelerator: 'CmdOrCtrl+8' },
  { id: 'prints', menuLabel: 'Print centre', accelerator: 'CmdOrCtrl+9' },
  { id: 'sync', menuLabel: 'Sync', accelerator: 'CmdOrCtrl+5' },
  { id: 'scanner', menuLabel: 'Scanner', accelerator: 'CmdOrCtrl+6' },
  { id: 'settings', menuLabel: 'Settings', accelerator: 'CmdOrCtrl+,' },
] as const satisfies readonly { readonly id: string; readonly menuLabel: string; readonly accelerator: string }[];

export type ScreenId = (typeof SCREENS)[number]['id'];

export const SCREEN_IDS: readonly ScreenId[] = SCREENS.map((screen) => screen.id);

export function isScreenId(value: unknown): value is ScreenId {
  return typeof value === 'string' && (SCREEN_IDS as readonly string[]).includes(value);
}

/** What the desktop app's menu asks the renderer to do. */
export type MenuCommand = { readonly type: 'navigate'; readonly screen: ScreenId } | { readonly type: 'syncNow' } | { readonly type: 'signIn' };
