/** How long uploads run at one number at once before its throughput is judged. */
const WINDOW_MS = 5_000
/** After a step up did not pay, the number stays put this long before it is tried again. */
const SETTLE_MS = 60_000

interface Tuning {
  /** Uploads at once beyond the setting. */
  extra: number
  /** Where the current measurement started, and at which number. */
  window: { start: number; moved: number; extra: number } | null
  /** The throughput measured at the number before this one. */
  previous: { extra: number; bytesPerSecond: number } | null
  settledUntil: number
}

/**
 * How many uploads run at once per account. The setting is the floor; above it the queue probes
 * one more at a time, up to twice the setting, and keeps a step only when it measurably raised
 * the account's throughput. A field link that caps each connection (5 Mbit/s each on a 20 Mbit/s
 * uplink: three uploads fill 15) gains by a fourth; a link that is full already, or a machine
 * whose disk or CPU is the limit, does not, and the number goes back down.
 *
 * A step up from n counts when throughput rises by more than half of what one more upload adds
 * if each is held to the same rate (1/2n): noise does not pass, a capped connection does.
 */
export class ConcurrencyTuner {
  readonly #tunings = new Map<string, Tuning>()

  /** Uploads at once for an account whose setting is `base`. */
  limit(connectionId: string, base: number): number {
    return base + (this.#tunings.get(connectionId)?.extra ?? 0)
  }

  /**
   * The queue looked for work. `moved` is every byte the account sent so far; `saturated` says
   * that uploads were left waiting for a free slot (without that, throughput says nothing about
   * the number at once).
   */
  observe(
    connectionId: string,
    base: number,
    now: number,
    moved: number,
    saturated: boolean,
  ): void {
    const tuning = this.#tuningOf(connectionId)
    if (!saturated || now < tuning.settledUntil) {
      tuning.window = null
      return
    }
    if (tuning.window === null || tuning.window.extra !== tuning.extra) {
      tuning.window = { start: now, moved, extra: tuning.extra }
      return
    }
    if (now - tuning.window.start < WINDOW_MS) return
    const bytesPerSecond = ((moved - tuning.window.moved) * 1000) / (now - tuning.window.start)
    tuning.window = null
    const running = base + tuning.extra
    const previous = tuning.previous
    if (previous === null || bytesPerSecond > previous.bytesPerSecond * (1 + 1 / (2 * running))) {
      tuning.previous = { extra: tuning.extra, bytesPerSecond }
      if (tuning.extra < base) tuning.extra += 1
      else this.#settle(tuning, now)
      return
    }
    // One more did not pay: back to the number before, and leave it be for a while.
    tuning.extra = previous.extra
    this.#settle(tuning, now)
  }

  #settle(tuning: Tuning, now: number): void {
    tuning.previous = null
    tuning.settledUntil = now + SETTLE_MS
  }

  #tuningOf(connectionId: string): Tuning {
    let tuning = this.#tunings.get(connectionId)
    if (tuning === undefined) {
      tuning = { extra: 0, window: null, previous: null, settledUntil: 0 }
      this.#tunings.set(connectionId, tuning)
    }
    return tuning
  }
}
