import {
  Agent,
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** Which request to hold back: its method and path (without the query). */
export type RequestMatch = (method: string, path: string) => boolean

export interface Relay {
  /** `http://127.0.0.1:<port>`: give this to the client instead of the server's URL. */
  baseUrl: string
  /**
   * The next request that matches and succeeds still reaches the server, which acts on it, but
   * its answer is never passed on: `whenAnswered` runs first (e.g. kills the client and waits
   * for it to die), then the client's connection is dropped. This is the moment a crash hurts
   * most: the server has done the work and the client cannot know. Answers a function that
   * calls it off.
   */
  withholdNext(match: RequestMatch, whenAnswered: () => Promise<void>): () => void
  /** How many answers were withheld so far. */
  readonly withheld: number
  stop(): Promise<void>
}

interface Hold {
  match: RequestMatch
  whenAnswered: () => Promise<void>
  done: boolean
}

// Hop-by-hop headers belong to each connection, not to the request being relayed.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
])

function endToEnd<T>(headers: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)))
}

/**
 * A transparent HTTP relay on 127.0.0.1 in front of a simulator. The Host header passes through
 * unchanged, so URLs the server builds from it (signed storage URLs) point back at the relay,
 * and their signatures still match. A client going away mid-request cuts the forwarded request
 * off at the same point; a server dropping the connection (a fault) drops the client's.
 */
export async function startRelay(target: string): Promise<Relay> {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true })
  let pending: Hold | null = null
  let withheld = 0
  // The held request failed on the server's side (a fault): the next matching one is held instead.
  const rearm = (hold: Hold) => {
    if (!hold.done) pending ??= hold
  }

  const relay = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const method = incoming.method ?? 'GET'
    const path = (incoming.url ?? '/').split('?')[0] ?? '/'
    const hold = pending !== null && pending.match(method, path) ? pending : null
    if (hold) pending = null
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: incoming.url,
        headers: endToEnd(incoming.headers),
        agent,
      },
      (answer) => {
        const status = answer.statusCode ?? 502
        if (hold && status >= 200 && status < 300) {
          answer.resume()
          answer.once('end', () => {
            hold.done = true
            withheld++
            void hold.whenAnswered().finally(() => outgoing.socket?.destroy())
          })
          answer.once('error', () => {
            rearm(hold)
            outgoing.socket?.destroy()
          })
          return
        }
        // A refusal or a fault: the server did not act, so the next matching request is held.
        if (hold) rearm(hold)
        outgoing.writeHead(status, endToEnd(answer.headers))
        answer.pipe(outgoing)
        // A reset half-way through the body (a simulated fault) must reach the client as one.
        answer.once('error', () => outgoing.socket?.destroy())
        answer.once('close', () => {
          if (!answer.complete) outgoing.socket?.destroy()
        })
      },
    )
    out.once('error', () => {
      if (hold) rearm(hold)
      outgoing.socket?.destroy()
    })
    // The client died or hung up: the server sees the request cut off where the client stopped.
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) out.destroy()
    })
    incoming.pipe(out)
  }

  const server = createServer(relay)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    withholdNext(match, whenAnswered) {
      const hold: Hold = { match, whenAnswered, done: false }
      pending = hold
      return () => {
        hold.done = true
        if (pending === hold) pending = null
      }
    },
    get withheld() {
      return withheld
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      agent.destroy()
    },
  }
}
