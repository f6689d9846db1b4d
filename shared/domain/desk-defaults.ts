/**
 * What a new desk is called, and who acts on it, until someone says otherwise. These are stored
 * with every transition (as data, in English); a screen shows them in the operator's language
 * (docs/i18n.md).
 */
export const DEFAULT_DESK_NAME = 'Receiving desk';
export const DEFAULT_OPERATOR = 'operator';
