/** SQLite has no boolean: STRICT tables keep 0/1 integers. */
export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: unknown): boolean => value === 1 || value === 1n;
