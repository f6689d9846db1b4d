import i18next from 'i18next';

/**
 * Says a key that comes from data rather than code: a state the upstream sent, a core error's key,
 * a reason code stored before this version. The compiler checks every key written in code
 * (i18next.d.ts); these are checked here, at run time, and null means the catalogue has no text.
 */
export function translateDataKey(key: string, params?: Readonly<Record<string, string | number>>): string | null {
  // With the params, so a plural text (key_one, key_other …) is found by its count.
  if (!i18next.exists(key, { ...params })) return null;
  return (i18next.t as unknown as (key: string, options?: object) => string)(key, { ...params });
}
