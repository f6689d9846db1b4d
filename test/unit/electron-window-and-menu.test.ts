import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuCommand } from '../../main/electron/app-menu';
import { SCREENS } from '../../shared/ui/screens';
import { restoreWindowState } from '../../main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const second = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('window state, without the Electron binary', () => {
  it('reopens where the operator left it, when that place is still on a screen', () => {
    const saved = { x: 2000, y: 100, width: 1100, height: 800, maximized: false };
    expect(restoreWindowState(saved, [laptop, second])).toEqual(saved);
  });

  it('falls back to the default place when the screen is gone or the file is not a window state', () => {
    expect(restoreWindowState({ x: 2000, y: 100, width: 1100, height: 800, maximized: false }, [laptop])).toBeNull();
    expect(restoreWindowState({ x: 10, y: 10, width: 50, height: 800, maximized: false }, [laptop])).toBeNull();
    expect(restoreWindowState({ x: 10, y: 10, width: 900, height: 800 }, [laptop])).toBeNull();
    expect(restoreWindowState('garbage', [laptop])).toBeNull();
    expect(restoreWindowState({ x: 10, y: 10, width: 900, height: 800, maximized: true, extra: 1 }, [laptop])).toBeNull();
  });
});

describe('the application menu, without the Electron binary', () => {
  it("offers every screen, Sync now and Switch operator, each sending its command, with shortcuts", () => {
    const sent: MenuCommand[] = [];
    const [desk] = buildMenuTemplate((command) => sent.push(command), { developer: false });
    const items = (desk?.submenu ?? []) as { label?: string; accelerator?: string; click?: () => void; role?: string }[];
    for (const screen of SCREENS) {
      const item = items.find((entry) => entry.label === screen.menuLabel);
      expect(item?.accelerator, screen.menuLabel).toBe(screen.accelerator);
      item?.click?.();
    }
    items.find((entry) => entry.label === 'Sync now')?.click?.();
    items.find((entry) => entry.label === 'Switch operator…')?.click?.();
    expect(sent).toEqual([...SCREENS.map((screen) => ({ type: 'navigate', screen: screen.id })), { type: 'syncNow' }, { type: 'signIn' }]);
    expect(items.some((entry) => entry.role === 'quit')).toBe(true);
  });

  it('speaks the desk\'s language: screens, actions and the edit and window commands, from the catalogues', () => {
    const labels = (locale: string) =>
      buildMenuTemplate(() => undefined, { developer: false, locale }).flatMap((menu) => [menu.label, ...((menu.submenu ?? []) as { label?: string }[]).map((entry) => entry.label)]);
    const czech = labels('cs');
    expect(czech).toEqual(expect.arrayContaining(['Pracoviště', 'Skenovací stanice', 'Zakázky', 'Synchronizovat', 'Přepnout operátora…', 'Úpravy', 'Kopírovat', 'Zobrazení', 'Okno']));
    expect(labels('ru')).toEqual(expect.arrayContaining(['Стойка', 'Задания', 'Сменить оператора…', 'Правка', 'Вставить']));
    // Every item with a label has one, and no English is left in Czech.
    const english = new Set(labels('en'));
    expect(czech.filter((label) => label !== undefined && english.has(label))).toEqual([]);
    expect(labels('xx')).toEqual(labels('en'));
  });

  it('has no developer tools in a release build', () => {
    const roles = (developer: boolean) =>
      JSON.stringify(buildMenuTemplate(() => undefined, { developer }).map((menu) => (Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.role) : menu.role)));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
