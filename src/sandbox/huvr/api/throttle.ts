/**
 * DRF's SimpleRateThrottle [I DRF throttling.py]: a history of the accepted requests per key inside
 * the window; once it holds `requests` entries the next one is refused, and the wait reported is
 * the time until the oldest entry leaves the window divided by the requests then available,
 * rounded up to whole seconds. Refused requests are not recorded.
 */
export class RateThrottle {
  private readonly history = new Map<string, number[]>()

  /** Returns the seconds to wait, or null when the request may pass (and is then counted). */
  check(key: string, now: number, requests: number, windowSeconds: number): number | null {
    const windowMs = windowSeconds * 1000
    const entries = (this.history.get(key) ?? []).filter((at) => at > now - windowMs)
    if (entries.length >= requests) {
      this.history.set(key, entries)
      const oldest = entries[0] ?? now
      const remaining = windowMs - (now - oldest)
      const available = requests - entries.length + 1
      const wait = available <= 0 ? remaining : remaining / available
      return Math.max(1, Math.ceil(wait / 1000))
    }
    entries.push(now)
    this.history.set(key, entries)
    return null
  }

  reset(): void {
    this.history.clear()
  }
}
