/**
 * What a NOTIFY on the board's channel carries, so every hub process's board streams hear it: a
 * desk's new status report, or a user whose sessions ended (signed out, new password, removed).
 */

/** The channel the board's live streams LISTEN on, besides the changes channel. */
export const BOARD_CHANNEL = 'hub_board';

export interface BoardNotice {
  /** A desk stored a new status report. */
  readonly reportedDeskId?: string;
  /** Close the streams of this user's sessions (all of them, or only `endedSession`). */
  readonly endedUser?: string;
  /** The hash of one session that ended (a sign-out). */
  readonly endedSession?: string;
}
