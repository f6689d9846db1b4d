/**
 * The board page's state: who is signed in, the site view, and whether the live stream is open.
 * One pattern for every section, as on the desk: read the whole view, and read it again whenever
 * the hub says something changed (Server-Sent Events), and once a minute so ages stay true.
 */
import { create } from 'zustand';
import type { BoardAccountInfo, BoardImportResult, BoardSession, SiteView } from '../../../shared/board/site-view';
import { BOARD_API_PREFIX } from '../../../shared/board/site-view';
import type { RpcError } from '../../../shared/rpc/envelope';
import { boardCall, setCsrfToken } from './board-client';

/** The view is read again this often even when nothing was announced (ages, overdue by time). */
export const BOARD_REFRESH_MS = 60_000;
/** After the live stream was refused, ask again this much later. */
const LIVE_RETRY_MS = 3_000;

type BoardErrorText = Pick<RpcError, 'message' | 'key' | 'params'>;

interface BoardState {
  /** null: not known yet; false: signed out. */
  readonly account: BoardAccountInfo | null | false;
  readonly site: SiteView | null;
  readonly live: boolean;
  readonly error: BoardErrorText | null;
  readonly loadedAt: Date | null;
  checkSession(): Promise<void>;
  signIn(username: string, password: string): Promise<BoardErrorText | null>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  importDocument(text: string): Promise<{ ok: true; value: BoardImportResult } | { ok: false; error: BoardErrorText }>;
}

let events: EventSource | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let refreshing: Promise<void> | null = null;
let again = false;

export const useBoardStore = create<BoardState>((set, get) => {
  function signedOut(): void {
    events?.close();
    events = null;
    if (timer !== null) clearInterval(timer);
    timer = null;
    setCsrfToken(null);
    set({ account: false, site: null, live: false });
  }

  function goLive(): void {
    events?.close();
    events = new EventSource(`${BOARD_API_PREFIX}events`);
    events.addEventListener('changed', () => void get().refresh());
    events.addEventListener('open', () => set({ live: true }));
    events.addEventListener('error', () => {
      set({ live: false });
      // Reconnecting by itself (CONNECTING) needs nothing. Refused (CLOSED): the session may have
      // ended, or the hub is away: ask, a little later, and open the stream again if all is well.
      if (events?.readyState === EventSource.CLOSED) setTimeout(() => void get().checkSession(), LIVE_RETRY_MS);
    });
    if (timer === null) timer = setInterval(() => void get().refresh(), BOARD_REFRESH_MS);
  }

  function signedIn(session: BoardSession): void {
    setCsrfToken(session.csrfToken);
    const first = get().account === null || get().account === false;
    set({ account: session.account, error: null });
    if (first || events === null || events.readyState === EventSource.CLOSED) {
      goLive();
      void get().refresh();
    }
  }

  return {
    account: null,
    site: null,
    live: false,
    error: null,
    loadedAt: null,
    async checkSession() {
      const result = await boardCall<BoardSession>('GET', 'session');
      if (result.ok) signedIn(result.value);
      else if (result.status === 401) signedOut();
      else set({ error: result.error });
    },
    async signIn(username, password) {
      const result = await boardCall<BoardSession>('POST', 'sign-in', { username, password });
      if (!result.ok) return result.error;
      signedIn(result.value);
      return null;
    },
    async signOut() {
      await boardCall('POST', 'sign-out', {});
      signedOut();
    },
    refresh() {
      // One read at a time; news during a read is followed by one more read.
      if (refreshing !== null) {
        again = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          again = false;
          const result = await boardCall<SiteView>('GET', 'site');
          if (result.ok) set({ site: result.value, error: null, loadedAt: new Date() });
          else if (result.status === 401) signedOut();
          else set({ error: result.error });
        } while (again);
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    async importDocument(text) {
      const result = await boardCall<BoardImportResult>('POST', 'jobs', { document: text });
      if (result.ok) {
        void get().refresh();
        return { ok: true, value: result.value };
      }
      if (result.status === 401) signedOut();
      return { ok: false, error: result.error };
    },
  };
});
