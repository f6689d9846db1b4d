/**
 * `GET /v1/events`: Server-Sent Events telling each connected desk that something changed at the
 * site (docs/sync-protocol.md, "Live"). Every hub process LISTENs on one channel, so a change
 * committed through any process reaches desks connected to any other. An event carries the cursor
 * as its id; the desk pulls from its own stored cursor, so a reconnect misses nothing. Events to
 * one connection are coalesced (a busy site would otherwise make every desk pull dozens of times a
 * second), and a desk is not told of its own pushes.
 */
import type http from 'node:http';
import { CHANGES_CHANNEL, currentCursor, type ChangeNotice } from './changes';
import type { SqlPool } from './storage/sql';

/** At most one event per connection this often; well inside the one second a desk-to-desk update may take. */
export const EVENT_COALESCE_MS = 150;
/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** What EventSource-style clients wait before reconnecting. */
const RECONNECT_HINT_MS = 2_000;
/** Streams one desk may hold open; a newer one closes the oldest (a desk that reconnected). */
export const MAX_STREAMS_PER_DESK = 4;

interface Stream {
  readonly subscriber: string;
  /** Changes made by this desk's own pushes are not sent to it. */
  readonly skipDeskId: string | null;
  readonly response: http.ServerResponse;
  pending: string | null;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

function writeEvent(stream: Stream, cursor: string): void {
  stream.lastSentAt = Date.now();
  stream.pending = null;
  stream.response.write(`id: ${cursor}\nevent: changes\ndata: ${JSON.stringify({ cursor })}\n\n`);
}

export class LiveChanges {
  private readonly streams = new Set<Stream>();
  private stopListening: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly pool: SqlPool) {}

  async start(): Promise<void> {
    this.stopListening = await this.pool.listen(CHANGES_CHANNEL, (payload) => this.onNotice(payload));
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.response.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get connected(): number {
    return this.streams.size;
  }

  private onNotice(payload: string): void {
    let notice: ChangeNotice | null;
    try {
      notice = payload === '' ? null : (JSON.parse(payload) as ChangeNotice);
    } catch {
      notice = null;
    }
    if (notice === null) {
      // The listening connection was lost and is back: something may have changed meanwhile.
      currentCursor(this.pool).then(
        (cursor) => this.broadcast({ cursor, deskId: null }),
        () => undefined,
      );
      return;
    }
    if (notice.revokedDeskId !== undefined) {
      this.closeSubscriber(notice.revokedDeskId);
      return;
    }
    this.broadcast(notice);
  }

  private broadcast(notice: ChangeNotice): void {
    for (const stream of this.streams) {
      if (notice.deskId !== null && notice.deskId === stream.skipDeskId) continue;
      this.schedule(stream, notice.cursor);
    }
  }

  private schedule(stream: Stream, cursor: string): void {
    stream.pending = cursor;
    if (stream.timer !== null) return;
    const wait = Math.max(0, stream.lastSentAt + EVENT_COALESCE_MS - Date.now());
    stream.timer = setTimeout(() => {
      stream.timer = null;
      if (stream.pending !== null && this.streams.has(stream)) writeEvent(stream, stream.pending);
    }, wait);
  }

  /**
   * Opens a stream. `lastEventId` is the cursor the subscriber was last told (the Last-Event-ID a
   * reconnecting client sends); when the site has moved on since, it is told at once.
   */
  async attach(subscriber: string, skipDeskId: string | null, request: http.IncomingMessage, response: http.ServerResponse, lastEventId: string | null): Promise<void> {
    const cursor = await currentCursor(this.pool);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    response.write(`retry: ${RECONNECT_HINT_MS}\n\n`);
    const stream: Stream = { subscriber, skipDeskId, response, pending: null, lastSentAt: 0, timer: null };
    const mine = [...this.streams].filter((other) => other.subscriber === subscriber);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_DESK + 1))) this.detach(old, true);
    this.streams.add(stream);
    if (lastEventId !== cursor) writeEvent(stream, cursor);
    else response.write(': up to date\n\n');
    const drop = () => this.detach(stream, false);
    request.on('close', drop);
    response.on('close', drop);
    response.on('error', drop);
  }

  private detach(stream: Stream, end: boolean): void {
    if (!this.streams.delete(stream)) return;
    if (stream.timer !== null) clearTimeout(stream.timer);
    if (end) stream.response.end();
  }

  /** Ends every stream of a desk (it was revoked). */
  closeSubscriber(subscriber: string): void {
    for (const stream of [...this.streams]) if (stream.subscriber === subscriber) this.detach(stream, true);
  }

  async close(): Promise<void> {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    for (const stream of [...this.streams]) this.detach(stream, true);
    await this.stopListening?.();
  }
}
