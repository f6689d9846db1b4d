/**
 * A test locale (docs/i18n.md): every catalogue text accented, stretched by a third and wrapped in
 * ⟦ ⟧, so a screen in it shows at a glance which words did not come from a catalogue (they are
 * plain), which layouts break on longer languages, and which texts are cut. Placeholders and
 * nesting are kept as they are, so the text still fills in.
 */
export const PSEUDO_LOCALE = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';
/** Around every value filled into a text, so a check can tell data from words put in by code. */
export const PSEUDO_VALUE_OPEN = '‹';
export const PSEUDO_VALUE_CLOSE = '›';

/** i18next's escape hook, used in the pseudo-locale only: marks each filled-in value. */
export function markPseudoValue(value: unknown): string {
  return `${PSEUDO_VALUE_OPEN}${String(value)}${PSEUDO_VALUE_CLOSE}`;
}
/** Longer languages (German, Czech, Russian) run about a third longer than English. */
const STRETCH = 0.35;
const PSEUDO_STORAGE_KEY = 'receiving-desk.pseudo-locale';

const ACCENTED: Readonly<Record<string, string>> = {
  a: 'å', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** `{{name}}` placeholders and `$t(key)` nesting stay untouched. */
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\))/;

export function pseudoText(text: string): string {
  const parts = text.split(KEEP);
  const letters = parts.filter((_, index) => index % 2 === 0).join('').length;
  const accented = parts.map((part, index) => (index % 2 === 1 ? part : [...part].map((char) => ACCENTED[char] ?? char).join(''))).join('');
  return `${PSEUDO_OPEN}${accented}${'·'.repeat(Math.ceil(letters * STRETCH))}${PSEUDO_CLOSE}`;
}

type Tree = { readonly [key: string]: string | Tree };

export function pseudoCatalogue(tree: Tree): Tree {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, typeof value === 'string' ? pseudoText(value) : pseudoCatalogue(value)]));
}

/** Switched on for a browser profile by a test (or a translator) before the page loads. */
export function pseudoLocaleOn(): boolean {
  try {
    return window.localStorage.getItem(PSEUDO_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
