/** Limits every boundary enforces; one place so the HTTP and IPC adapters agree. */
export const MAX_TEXT_FIELD_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2_000;
/** A scan longer than this is refused by the schema; anything shorter gets a verdict. */
export const MAX_SCAN_PAYLOAD_LENGTH = 10_000;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
/** An import document (a 10,000-job list is ~30 MB of JSON). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Bearer tokens longer than this are refused at the boundary. */
export const MAX_UPSTREAM_TOKEN_LENGTH = 4_096;
