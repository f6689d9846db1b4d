/**
 * `GET /board/api/events`: Server-Sent Events telling each open board that something changed at
 * the site: a desk's status report (the board's channel) or a job change (the changes channel).
 * Both are PostgreSQL NOTIFYs, so a change through any hub process reaches boards on every other.
 * Events are coalesced per stream; the board then reads the site view again. A stream ends when
 * its session does (sign-out, new password, account removed: announced on the board's channel),
 * and in any case after a while, so the browser reconnects and its session is checked afresh.
 */
import type http from 'node:http';
import { CHANGES_CHANNEL } from '../changes';
import type { SqlPool } from '../storage/sql';
import { BOARD_CHANNEL, type BoardNotice } from './board-notices';

/** At most one event per board this often: a busy site changes many times a second. */
export const BOARD_EVENT_COALESCE_MS = 250;
/** A comment line this often keeps proxies from closing an idle stream. */
export const BOARD_HEARTBEAT_MS = 15_000;
/** A stream is closed after this long; the browser reconnects at once and its session is checked again. */
export const BOARD_STREAM_MAX_MS = 5 * 60_000;
/** Streams one session may hold (tabs); a newer one closes the oldest. */
export const MAX_STREAMS_PER_SESSION = 8;
const RECONNECT_HINT_MS = 1_000;

interface BoardStream {
  readonly sessionHash: string;
  readonly username: string;
  readonly response: http.ServerResponse;
  readonly opened: number;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

export class BoardLive {
  private readonly streams = new Set<BoardStream>();
  private readonly stops: (() => Promise<void>)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly pool: SqlPool) {}

  async start(): Promise<void> {
    this.stops.push(await this.pool.listen(BOARD_CHANNEL, (payload) => this.onBoardNotice(payload)));
    // Any job change (a push, an intake) may change overdue jobs or what a desk will report.
    this.stops.push(await this.pool.listen(CHANGES_CHANNEL, () => this.changed()));
    this.heartbeat = setInterval(() => {
      const now = Date.now();
      for (const stream of this.streams) {
        if (now - stream.opened > BOARD_STREAM_MAX_MS) this.detach(stream, true);
        else stream.response.write(': keep-alive\n\n');
      }
    }, BOARD_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get connected(): number {
    return this.streams.size;
  }

  private onBoardNotice(payload: string): void {
    let notice: BoardNotice;
    try {
      notice = payload === '' ? {} : (JSON.parse(payload) as BoardNotice);
    } catch {
      notice = {};
    }
    if (notice.endedUser !== undefined || notice.endedSession !== undefined) {
      for (const stream of [...this.streams]) {
        if (stream.username === notice.endedUser || stream.sessionHash === notice.endedSession) this.detach(stream, true);
      }
      return;
    }
    // A report, or '' (the listening connection came back: something may have changed meanwhile).
    this.changed();
  }

  private changed(): void {
    for (const stream of this.streams) this.schedule(stream);
  }

  private schedule(stream: BoardStream): void {
    if (stream.timer !== null) return;
    const wait = Math.max(0, stream.lastSentAt + BOARD_EVENT_COALESCE_MS - Date.now());
    stream.timer = setTimeout(() => {
      stream.timer = null;
      if (!this.streams.has(stream)) return;
      stream.lastSentAt = Date.now();
      stream.response.write(`event: changed\ndata: {}\n\n`);
    }, wait);
  }

  attach(sessionHash: string, username: string, request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    response.write(`retry: ${RECONNECT_HINT_MS}\n\n`);
    const stream: BoardStream = { sessionHash, username, response, opened: Date.now(), lastSentAt: 0, timer: null };
    const mine = [...this.streams].filter((other) => other.sessionHash === sessionHash);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_SESSION + 1))) this.detach(old, true);
    this.streams.add(stream);
    // The board may have missed changes while it was away: it reads the view again at once.
    response.write('event: changed\ndata: {}\n\n');
    const drop = () => this.detach(stream, false);
    request.on('close', drop);
    response.on('close', drop);
    response.on('error', drop);
  }

  private detach(stream: BoardStream, end: boolean): void {
    if (!this.streams.delete(stream)) return;
    if (stream.timer !== null) clearTimeout(stream.timer);
    if (end) stream.response.end();
  }

  async close(): Promise<void> {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) this.detach(stream, true);
    await Promise.all(this.stops.map((stop) => stop()));
  }
}
