import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

/**
 * The network between a client and a simulated server, as a field link is: every request waits
 * out a round trip, each connection carries at most so many bits per second, and all of them
 * together at most so many (the site's one uplink). Throughput is in bits per second, as links
 * are sold; null is no cap.
 */
export interface LinkSettings {
  latencyMs: number
  connectionBitsPerSecond: number | null
  totalBitsPerSecond: number | null
}

export type Direction = 'up' | 'down'

/**
 * Paces bytes at a rate: each piece is booked after the previous one, so a link that sat idle
 * does not save up a burst.
 */
class Pacer {
  #nextFree = 0

  /** Milliseconds until `bytes` more have gone through at `bitsPerSecond`. */
  book(now: number, bytes: number, bitsPerSecond: number): number {
    const start = Math.max(now, this.#nextFree)
    this.#nextFree = start + (bytes * 8 * 1000) / bitsPerSecond
    return this.#nextFree - now
  }
}

/**
 * One server's link: a pacer per connection and direction (uploads and downloads do not share a
 * direction), and one per direction for everything together. Settings are read for every piece,
 * so configure() changes the link of transfers under way. Real time, not the simulator's clock:
 * a manual clock must not freeze the wire.
 */
export class LinkShaper {
  readonly #settings: () => LinkSettings | undefined
  readonly #perConnection = new WeakMap<Socket, Record<Direction, Pacer>>()
  readonly #total: Record<Direction, Pacer> = { up: new Pacer(), down: new Pacer() }

  constructor(settings: () => LinkSettings | undefined) {
    this.#settings = settings
  }

  get latencyMs(): number {
    return this.#settings()?.latencyMs ?? 0
  }

  /** Whether bytes are paced at all (pieces of an unshaped body need not be cut up). */
  get shaping(): boolean {
    const link = this.#settings()
    return link !== undefined && (link.connectionBitsPerSecond ?? link.totalBitsPerSecond) !== null
  }

  /** Milliseconds to hold back before `bytes` more may pass on this connection. */
  delay(socket: Socket, direction: Direction, bytes: number): number {
    const link = this.#settings()
    if (link === undefined) return 0
    const now = performance.now()
    let wait = 0
    if (link.connectionBitsPerSecond !== null) {
      let pacers = this.#perConnection.get(socket)
      if (pacers === undefined) {
        pacers = { up: new Pacer(), down: new Pacer() }
        this.#perConnection.set(socket, pacers)
      }
      wait = pacers[direction].book(now, bytes, link.connectionBitsPerSecond)
    }
    if (link.totalBitsPerSecond !== null) {
      wait = Math.max(wait, this.#total[direction].book(now, bytes, link.totalBitsPerSecond))
    }
    return wait
  }
}
