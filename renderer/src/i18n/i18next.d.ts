import 'i18next';
import type en from './locales/en.json';

/**
 * Typed keys: every `t('…')` in the renderer is checked against the English catalogue, so a key
 * that does not exist is a compile error, not English or a raw key on an operator's screen
 * (docs/i18n.md).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    readonly defaultNS: 'translation';
    readonly resources: { readonly translation: typeof en };
    readonly returnNull: false;
  }
}
