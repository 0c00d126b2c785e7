import type { EventPayload } from '../../shared/rpc/contract'
import type { EventName } from '../../shared/rpc/names'

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** Typed pushes from the core to whichever carriers are attached (windows, sockets). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Receives every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>()
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
