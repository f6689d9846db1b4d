import { randomUUID } from 'node:crypto';
import type { DeskStore } from '../db/desk-store';
import type { SettingsView } from '../../shared/rpc/views';
import type { MethodParams } from '../../shared/rpc/contract';

const DEFAULT_DESK_NAME = 'Receiving desk';
const DEFAULT_OPERATOR = 'operator';
const DEFAULT_LOCALE = 'en';

const KEYS = { deskId: 'desk.id', deskName: 'desk.name', operator: 'desk.operator', locale: 'ui.locale' } as const;

/** The desk id is made once, on first open, and never changes: upstream orders transitions per desk. */
export function ensureDeskIdentity(store: DeskStore): void {
  if (store.settings.get(KEYS.deskId) === undefined) store.settings.set(KEYS.deskId, randomUUID());
}

export function readSettings(store: DeskStore): SettingsView {
  return {
    deskId: store.settings.get(KEYS.deskId) ?? 'unset',
    deskName: store.settings.get(KEYS.deskName) ?? DEFAULT_DESK_NAME,
    operator: store.settings.get(KEYS.operator) ?? DEFAULT_OPERATOR,
    locale: store.settings.get(KEYS.locale) ?? DEFAULT_LOCALE,
  };
}

export function writeSettings(store: DeskStore, changes: MethodParams<'settings.set'>): SettingsView {
  store.transaction(() => {
    if (changes.deskName !== undefined) store.settings.set(KEYS.deskName, changes.deskName);
    if (changes.operator !== undefined) store.settings.set(KEYS.operator, changes.operator);
    if (changes.locale !== undefined) store.settings.set(KEYS.locale, changes.locale);
  });
  return readSettings(store);
}
