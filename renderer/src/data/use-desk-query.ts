import { useCallback, useEffect, useRef, useState } from 'react';
import { CHANGE_TOPICS, eventTouches, type ChangeTopic, type DeskEvent } from '../../../shared/events';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/rpc/contract';
import type { RpcError } from '../../../shared/rpc/envelope';
import { deskClient, onDeskEvent } from '../state/desk-client';

export interface DeskQueryOptions {
  /**
   * The topics whose changes may alter what this query returns (shared/events.ts); every topic
   * when left out. The query loads again when an event names one of them.
   */
  readonly refreshOn?: readonly ChangeTopic[];
  /** Keep showing the previous params' answer while new params load (paging, a search typed). */
  readonly keepPreviousData?: boolean;
}

export interface DeskQuery<T> {
  /** The last answer; kept while a refresh runs, so the screen does not flicker. */
  readonly data: T | null;
  /** The last call's error, null after a success. */
  readonly error: RpcError | null;
  /** True until the first answer (or error) arrives for these params. */
  readonly loading: boolean;
  /** Loads again now (after the screen's own action, for example). */
  refresh(): Promise<void>;
}

/** Marks the moment a screen shows what an event announced (docs/performance.md, "Event to screen"). */
export const EVENT_SHOWN_MARK = 'desk:event-shown';

/**
 * The one way a screen loads desk data (docs/architecture.md, "Renderer"): it calls `method` with
 * `params` (null: not yet, nothing is loaded), shows loading and errors the same way everywhere
 * (components/QueryState), and loads again when the desk announces a change on a topic it shows
 * (another tab, a script over the API, the desk's own sync). Refreshes never pile up: while one
 * runs, later events ask for one more run after it, not one each. No timer polls.
 */
export function useDeskQuery<M extends MethodName>(
  method: M,
  params: MethodInput<M> | null,
  options: DeskQueryOptions = {},
): DeskQuery<MethodResult<M>> {
  const key = params === null ? null : JSON.stringify(params);
  const [state, setState] = useState<{ key: string | null; data: MethodResult<M> | null; error: RpcError | null; loaded: boolean }>({
    key,
    data: null,
    error: null,
    loaded: false,
  });
  const topics = options.refreshOn ?? CHANGE_TOPICS;
  const topicsKey = topics.join(',');
  /** The refresh under way, if any; `again` asks it for one more run once it has its answer. */
  const inFlight = useRef<{ readonly key: string; again: boolean } | null>(null);
  /** The newest event a refresh was started for, marked once its answer is on screen. */
  const announced = useRef<number | null>(null);
  const shown = useRef<number | null>(null);
  const current = useRef(key);
  current.current = key;

  const load = useCallback(async (): Promise<void> => {
    if (key === null) return;
    if (inFlight.current?.key === key) {
      inFlight.current.again = true;
      return;
    }
    const run = { key, again: false };
    inFlight.current = run;
    try {
      do {
        run.again = false;
        const seq = announced.current;
        const envelope = await deskClient().call(method, JSON.parse(key) as MethodInput<M>);
        // The params changed while this was under way: its answer is for a screen no longer shown.
        if (current.current !== key) return;
        setState(envelope.ok ? { key, data: envelope.value, error: null, loaded: true } : { key, data: null, error: envelope.error, loaded: true });
        shown.current = seq;
      } while (run.again);
    } finally {
      if (inFlight.current === run) inFlight.current = null;
    }
  }, [method, key]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const relevant = topicsKey.split(',') as ChangeTopic[];
    return onDeskEvent((event: DeskEvent) => {
      if (!eventTouches(event, relevant)) return;
      announced.current = event.seq;
      void load();
    });
  }, [load, topicsKey]);

  useEffect(() => {
    const seq = shown.current;
    if (seq === null) return;
    shown.current = null;
    // After React committed the answer: what the operator now sees includes the change.
    performance.mark(`${EVENT_SHOWN_MARK}:${seq}`);
  }, [state]);

  const fresh = state.key === key;
  return {
    data: fresh || options.keepPreviousData === true ? state.data : null,
    error: fresh ? state.error : null,
    loading: key !== null && (!fresh || !state.loaded),
    refresh: load,
  };
}
