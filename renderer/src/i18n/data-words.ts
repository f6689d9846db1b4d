import type { TFunction } from 'i18next';
import { translateDataKey } from './dynamic-key';
import { DEFAULT_OPERATOR } from '../../../shared/domain/desk-defaults';
import type { DeskSettings } from '../../../shared/rpc/results';
import { DIALOG_PRINTER_NAME, DOWNLOAD_PRINTER_NAME, NETWORK_PRINTER_SCHEME } from '../../../shared/domain/printers';

/**
 * Words for codes that come with the data (docs/i18n.md): a job's type as the API spells it, a
 * printer kind. A code this desk has no words for is shown as it came.
 */
export function jobTypeWords(t: TFunction, type: string): string {
  return translateDataKey(`jobType.${type}`) ?? (type === '' ? t('jobType.unknown') : type);
}

/** The operator recorded before anyone signed in is the default one: said in the operator's language. */
export function operatorWords(t: TFunction, name: string): string {
  return name === DEFAULT_OPERATOR ? t('app.defaultOperator') : name;
}

/** The desk's name, or the default name in the operator's language until someone names the desk. */
export function deskNameWords(t: TFunction, settings: Pick<DeskSettings, 'deskName' | 'deskNamed'>): string {
  return settings.deskNamed ? settings.deskName : t('app.defaultDeskName');
}

/** Where a document went, as the print log keeps it: the browser's dialog, a download, a network printer, a system printer. */
export function printerWords(t: TFunction, printer: string): string {
  if (printer === DIALOG_PRINTER_NAME) return t('labels.printer.dialog');
  if (printer === DOWNLOAD_PRINTER_NAME) return t('labels.printer.download');
  if (printer.startsWith(NETWORK_PRINTER_SCHEME)) return t('labels.printer.network', { address: printer.slice(NETWORK_PRINTER_SCHEME.length) });
  return t('labels.printer.system', { name: printer });
}

/** Why a transition was made, in words: a fault reason or one of the desk's own reasons. */
export function reasonWords(t: TFunction, reason: string): string {
  return translateDataKey(`reason.${reason}`) ?? translateDataKey(`fault.reasons.${reason}`) ?? t('reason.unknown', { code: reason });
}
