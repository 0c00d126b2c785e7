/** Milliseconds since the epoch. Every expiry, throttle window and timestamp reads this. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export interface ManualClock {
  now: Clock
  advance(milliseconds: number): void
  set(epochMilliseconds: number): void
}

/** A clock tests move by hand, so expiry can be tested without waiting. */
export function createManualClock(startMilliseconds = Date.now()): ManualClock {
  let current = startMilliseconds
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds
    },
    set(epochMilliseconds) {
      current = epochMilliseconds
    },
  }
}

export function isoTimestamp(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString()
}

export function isoDate(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(0, 10)
}
