/**
 * A refusal from the board's routes: an HTTP status, the English message (for logs and scripts),
 * and a catalogue key in the `core` section with its params, so the board's page says it in the
 * supervisor's language (docs/i18n.md), as the desk's screens say the core's errors.
 */
import { HttpError } from '../http-io';

export class BoardRefusal extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly key: string,
    readonly params: Readonly<Record<string, string | number>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(status, message, headers);
    this.name = 'BoardRefusal';
  }
}
