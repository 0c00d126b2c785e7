import type { FieldstationBridge } from '../../../shared/rpc/bridge'
import type { RpcTransport } from '../../../shared/rpc/client'
import type { EventName } from '../../../shared/rpc/names'
import { rpcResultSchema, type RpcResult } from '../../../shared/rpc/result'
import { z } from 'zod'

declare global {
  interface Window {
    /** Present in the Electron app (from the preload); absent in browser mode. */
    fieldstation?: FieldstationBridge
  }
}

const envelopeSchema = rpcResultSchema(z.unknown())
const eventMessageSchema = z.object({ event: z.string(), payload: z.unknown() })

/** Electron: the preload's bridge. Browser mode: HTTP for calls, a WebSocket for events. */
export function pickTransport(): RpcTransport {
  const bridge = window.fieldstation
  if (bridge)
    return {
      invoke: (method, params) => bridge.invoke(method, params),
      on: (event, listener) => bridge.on(event, listener),
    }
  return createHttpTransport()
}

function createHttpTransport(): RpcTransport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let socket: WebSocket | null = null
  let retryDelay = 500

  // One socket for all events, reconnecting with backoff while anything listens.
  const connect = () => {
    socket = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`,
    )
    socket.onopen = () => {
      retryDelay = 500
    }
    socket.onmessage = (message) => {
      const parsed = eventMessageSchema.safeParse(JSON.parse(String(message.data)))
      if (!parsed.success) return
      for (const listener of listeners.get(parsed.data.event as EventName) ?? [])
        listener(parsed.data.payload)
    }
    socket.onclose = () => {
      socket = null
      if (listeners.size === 0) return
      setTimeout(connect, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 10_000)
    }
  }

  return {
    async invoke(method, params): Promise<RpcResult<unknown>> {
      let response: Response
      try {
        response = await fetch('/rpc', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, params }),
        })
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The Fieldstation host is not reachable. Is it still running?',
          },
        }
      }
      const parsed = envelopeSchema.safeParse(await response.json().catch(() => null))
      if (parsed.success) return parsed.data
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Unexpected answer from the host (HTTP ${response.status}).`,
        },
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      if (!socket) connect()
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(event)
      }
    },
  }
}
