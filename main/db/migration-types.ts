/** One forward-only schema step. Versions are consecutive from 1; the database records the last applied. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
