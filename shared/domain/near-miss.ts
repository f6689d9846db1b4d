/**
 * Characters a label printer, a worn label or a person mix up. A scanned serial one such
 * character away from a listed one is probably that drive, misread or mistyped.
 */
const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ['0', 'O'],
  ['1', 'I'],
  ['5', 'S'],
  ['8', 'B'],
  ['2', 'Z'],
  ['0', 'D'],
];

function lookAlike(a: string, b: string): boolean {
  return LOOK_ALIKES.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
}

/** True when the two serials differ in exactly one position, and there by a look-alike pair. */
export function isNearMiss(scanned: string, listed: string): boolean {
  if (scanned.length !== listed.length || scanned === listed) return false;
  let differences = 0;
  for (let index = 0; index < scanned.length; index += 1) {
    const a = scanned[index] as string;
    const b = listed[index] as string;
    if (a === b) continue;
    differences += 1;
    if (differences > 1 || !lookAlike(a, b)) return false;
  }
  return differences === 1;
}

export function nearMissesOf(scanned: string, candidates: readonly string[]): string[] {
  return candidates.filter((candidate) => isNearMiss(scanned, candidate));
}
