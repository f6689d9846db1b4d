import { randomUUID } from 'node:crypto';
import type { DeskStore } from '../db/desk-store';
import type { SettingsView } from '../../shared/rpc/views';
import type { MethodParams } from '../../shared/rpc/contract';
import type { SecretStore } from './sync/secret-store';

const DEFAULT_DESK_NAME = 'Receiving desk';
const DEFAULT_OPERATOR = 'operator';
const DEFAULT_LOCALE = 'en';

const KEYS = {
  deskId: 'desk.id',
  deskName: 'desk.name',
  operator: 'desk.operator',
  locale: 'ui.locale',
  upstreamUrl: 'sync.upstreamUrl',
} as const;
export const UPSTREAM_URL_SETTING = KEYS.upstreamUrl;

/** The desk id is made once, on first open, and never changes: upstream orders transitions per desk. */
export function ensureDeskIdentity(store: DeskStore): void {
  if (store.settings.get(KEYS.deskId) === undefined) store.settings.set(KEYS.deskId, randomUUID());
}

/** Settings as a screen may see them: the upstream token only as "set" or not. */
export function readSettings(store: DeskStore, secrets: SecretStore): SettingsView {
  return {
    deskId: store.settings.get(KEYS.deskId) ?? 'unset',
    deskName: store.settings.get(KEYS.deskName) ?? DEFAULT_DESK_NAME,
    operator: store.settings.get(KEYS.operator) ?? DEFAULT_OPERATOR,
    locale: store.settings.get(KEYS.locale) ?? DEFAULT_LOCALE,
    upstreamUrl: store.settings.get(KEYS.upstreamUrl) ?? null,
    upstreamTokenSet: secrets.read() !== null,
  };
}

export interface SettingsWrite {
  readonly settings: SettingsView;
  /** The upstream URL or token changed: sync should lift a pause and try again. */
  readonly credentialsChanged: boolean;
}

export function writeSettings(store: DeskStore, secrets: SecretStore, changes: MethodParams<'settings.set'>): SettingsWrite {
  store.transaction(() => {
    if (changes.deskName !== undefined) store.settings.set(KEYS.deskName, changes.deskName);
    if (changes.operator !== undefined) store.settings.set(KEYS.operator, changes.operator);
    if (changes.locale !== undefined) store.settings.set(KEYS.locale, changes.locale);
    if (changes.upstreamUrl === '') store.settings.remove(KEYS.upstreamUrl);
    else if (changes.upstreamUrl !== undefined) store.settings.set(KEYS.upstreamUrl, changes.upstreamUrl);
  });
  // The token is not in the database; it is written after the rest committed.
  if (changes.upstreamToken !== undefined) secrets.write(changes.upstreamToken === '' ? null : changes.upstreamToken);
  return {
    settings: readSettings(store, secrets),
    credentialsChanged: changes.upstreamUrl !== undefined || changes.upstreamToken !== undefined,
  };
}
