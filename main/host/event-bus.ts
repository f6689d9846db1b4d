import type { DeskEvent, DeskEventBody } from '../../shared/events';

export type DeskEventListener = (event: DeskEvent) => void;

/** Where shells subscribe to the desk's events; each subscriber gets every event after it subscribed. */
export interface DeskEvents {
  subscribe(listener: DeskEventListener): () => void;
  /** The seq of the last event published (0 before the first). */
  lastSeq(): number;
}

export interface EventBus extends DeskEvents {
  publish(body: DeskEventBody): DeskEvent;
}

/**
 * The host's one event stream. Publishing never throws at the publisher: a listener that fails (a
 * closed port, a dropped HTTP stream) is its shell's problem, reported through `onListenerError`.
 */
export function createEventBus(now: () => Date, onListenerError: (error: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<DeskEventListener>();
  let seq = 0;
  return {
    publish(body) {
      seq += 1;
      const event = { ...body, seq, at: now().toISOString() } as DeskEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
      return event;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastSeq: () => seq,
  };
}
