import { randomUUID } from 'node:crypto';
import type { DeskStore } from '../db/desk-store';
import type { LabelDpi, DeskSettings } from '../../shared/rpc/results';
import type { MethodParams } from '../../shared/rpc/contract';
import type { SecretStore } from './sync/secret-store';
import { readCaFile } from './sync/trust';
import { DeskError } from '../../shared/rpc/envelope';
import { DEFAULT_SCANNER_PROFILE, scannerProfileSchema, type ScannerProfile } from '../../shared/scanning/scanner-profile';
import { DEFAULT_DESK_NAME, DEFAULT_OPERATOR } from '../../shared/domain/desk-defaults';
import { MAX_SHIFT_HOURS } from '../../shared/rpc/contract';
import { isTimeZone, machineTimeZone } from '../../shared/domain/site-time';

const DEFAULT_LOCALE = 'en';

const KEYS = {
  deskId: 'desk.id',
  deskName: 'desk.name',
  operator: 'desk.operator',
  locale: 'ui.locale',
  upstreamUrl: 'sync.upstreamUrl',
  upstreamCaFile: 'sync.upstreamCaFile',
  upstreamDeskId: 'sync.hubDeskId',
  zplPrinterHost: 'printer.zpl.host',
  zplPrinterPort: 'printer.zpl.port',
  zplDpi: 'printer.zpl.dpi',
  systemPrinter: 'printer.system.name',
  scanner: 'scanner.profile',
  siteTimeZone: 'site.timeZone',
  siteOrganisation: 'site.organisation',
  shiftHours: 'shift.hours',
} as const;
/** A sign-in lasts a shift: 12 hours unless the site says otherwise. */
export const DEFAULT_SHIFT_HOURS = 12;
const HOUR_MS = 60 * 60 * 1000;
/** Zebra printers listen for raw ZPL here unless set otherwise. */
export const DEFAULT_ZPL_PORT = 9100;
const DEFAULT_ZPL_DPI: LabelDpi = 203;
export const UPSTREAM_URL_SETTING = KEYS.upstreamUrl;
export const UPSTREAM_CA_FILE_SETTING = KEYS.upstreamCaFile;
export const UPSTREAM_DESK_ID_SETTING = KEYS.upstreamDeskId;

/** The desk id is made once, on first open, and never changes: upstream orders transitions per desk. */
export function ensureDeskIdentity(store: DeskStore): void {
  if (store.settings.get(KEYS.deskId) === undefined) store.settings.set(KEYS.deskId, randomUUID());
}

function readShiftHours(stored: string | undefined): number {
  const hours = Number(stored);
  return Number.isFinite(hours) && hours >= 1 && hours <= MAX_SHIFT_HOURS ? hours : DEFAULT_SHIFT_HOURS;
}

/** The site's zone: the setting, if this runtime knows it, else the machine's. */
function readTimeZone(stored: string | undefined): string {
  return stored !== undefined && isTimeZone(stored) ? stored : machineTimeZone();
}

/** Settings as a screen may see them: the upstream token only as "set" or not. */
export function readSettings(store: DeskStore, secrets: SecretStore, now: Date): DeskSettings {
  const operator = store.settings.get(KEYS.operator) ?? DEFAULT_OPERATOR;
  const shiftHours = readShiftHours(store.settings.get(KEYS.shiftHours));
  const session = store.sessions.current();
  const signedInAt = session !== undefined && session.operator === operator ? session.signedInAt : null;
  const signInExpiresAt = signedInAt === null ? null : new Date(Date.parse(signedInAt) + shiftHours * HOUR_MS).toISOString();
  return {
    deskId: store.settings.get(KEYS.deskId) ?? 'unset',
    deskName: store.settings.get(KEYS.deskName) ?? DEFAULT_DESK_NAME,
    deskNamed: store.settings.get(KEYS.deskName) !== undefined,
    demoJobs: store.jobs.listDemo().map((job) => ({ jobId: job.name, jobType: job.jobType, state: job.state, trackingNumber: job.trackingNumber })),
    operator,
    locale: store.settings.get(KEYS.locale) ?? DEFAULT_LOCALE,
    upstreamUrl: store.settings.get(KEYS.upstreamUrl) ?? null,
    upstreamTokenSet: secrets.read() !== null,
    upstreamCaFile: store.settings.get(KEYS.upstreamCaFile) ?? null,
    upstreamDeskId: store.settings.get(KEYS.upstreamDeskId) ?? null,
    zplPrinterHost: store.settings.get(KEYS.zplPrinterHost) ?? null,
    zplPrinterPort: Number(store.settings.get(KEYS.zplPrinterPort) ?? DEFAULT_ZPL_PORT),
    zplDpi: store.settings.get(KEYS.zplDpi) === '300' ? 300 : DEFAULT_ZPL_DPI,
    systemPrinter: store.settings.get(KEYS.systemPrinter) ?? null,
    scanner: readScannerProfile(store.settings.get(KEYS.scanner)),
    siteTimeZone: readTimeZone(store.settings.get(KEYS.siteTimeZone)),
    siteOrganisation: store.settings.get(KEYS.siteOrganisation) ?? null,
    shiftHours,
    signedInAt,
    signInExpiresAt,
    signInExpired: signInExpiresAt !== null && now.toISOString() >= signInExpiresAt,
    role: store.operators.findByName(operator)?.role ?? 'operator',
    hasSupervisor: store.operators.countSupervisors() > 0,
  };
}

/** Fields of settings.set that only a supervisor may change once the desk has one. */
export const SUPERVISED_SETTINGS = ['upstreamUrl', 'upstreamToken', 'zplPrinterHost', 'zplPrinterPort', 'zplDpi', 'systemPrinter'] as const;

/** A stored profile is checked again on read: a hand-edited database never reaches the scanner. */
function readScannerProfile(stored: string | undefined): ScannerProfile {
  if (stored === undefined) return DEFAULT_SCANNER_PROFILE;
  try {
    const parsed = scannerProfileSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_SCANNER_PROFILE;
  } catch {
    return DEFAULT_SCANNER_PROFILE;
  }
}

/** An empty string removes the setting; undefined leaves it. */
function setOrRemove(store: DeskStore, key: string, value: string | undefined): void {
  if (value === '') store.settings.remove(key);
  else if (value !== undefined) store.settings.set(key, value);
}

export interface SettingsWrite {
  readonly settings: DeskSettings;
  /** The upstream URL or token changed: sync should lift a pause and try again. */
  readonly credentialsChanged: boolean;
}

/** A CA file must be a readable PEM bundle when it is set, so a typo is caught now and not at the next sync. */
export function checkCaFileSetting(file: string): void {
  const read = readCaFile(file);
  if (!read.ok) throw new DeskError('invalid_params', `upstreamCaFile: ${read.reason}`, undefined, { key: 'caFileUnreadable', params: { file } });
}

export function writeSettings(store: DeskStore, secrets: SecretStore, changes: MethodParams<'settings.set'>, now: Date): SettingsWrite {
  if (changes.upstreamCaFile !== undefined && changes.upstreamCaFile !== '') checkCaFileSetting(changes.upstreamCaFile);
  store.transaction(() => {
    if (changes.deskName !== undefined) store.settings.set(KEYS.deskName, changes.deskName);
    if (changes.operator !== undefined) {
      store.settings.set(KEYS.operator, changes.operator);
      // A sign-in starts a shift: the previous one ends here.
      store.sessions.closeOpen(now.toISOString(), null);
      store.sessions.open(changes.operator, store.settings.get(KEYS.deskId) ?? 'unset', now.toISOString());
    }
    setOrRemove(store, KEYS.siteTimeZone, changes.siteTimeZone);
    setOrRemove(store, KEYS.siteOrganisation, changes.siteOrganisation);
    if (changes.shiftHours !== undefined) store.settings.set(KEYS.shiftHours, String(changes.shiftHours));
    if (changes.locale !== undefined) store.settings.set(KEYS.locale, changes.locale);
    if (changes.upstreamUrl === '') store.settings.remove(KEYS.upstreamUrl);
    else if (changes.upstreamUrl !== undefined) store.settings.set(KEYS.upstreamUrl, changes.upstreamUrl);
    setOrRemove(store, KEYS.upstreamCaFile, changes.upstreamCaFile);
    setOrRemove(store, KEYS.zplPrinterHost, changes.zplPrinterHost);
    setOrRemove(store, KEYS.systemPrinter, changes.systemPrinter);
    if (changes.zplPrinterPort !== undefined) store.settings.set(KEYS.zplPrinterPort, String(changes.zplPrinterPort));
    if (changes.zplDpi !== undefined) store.settings.set(KEYS.zplDpi, String(changes.zplDpi));
    if (changes.scanner !== undefined) store.settings.set(KEYS.scanner, JSON.stringify(changes.scanner));
  });
  // The token is not in the database; it is written after the rest committed.
  if (changes.upstreamToken !== undefined) secrets.write(changes.upstreamToken === '' ? null : changes.upstreamToken);
  return {
    settings: readSettings(store, secrets, now),
    credentialsChanged: changes.upstreamUrl !== undefined || changes.upstreamToken !== undefined || changes.upstreamCaFile !== undefined,
  };
}

/** Ends the shift: the session closes with the handover note, and the desk's default operator acts until the next sign-in. */
export function signOut(store: DeskStore, now: Date, note: string | null): void {
  store.sessions.closeOpen(now.toISOString(), note);
  store.settings.remove(KEYS.operator);
}
