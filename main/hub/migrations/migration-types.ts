/** One forward-only step of the hub's schema; never edited once shipped, only followed by the next. */
export interface HubMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
