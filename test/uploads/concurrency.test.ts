import { describe, expect, it } from 'vitest'
import { ConcurrencyTuner } from '../../src/main/uploads/concurrency'

const MBIT = 1_000_000 / 8

/**
 * A busy queue on a modelled link, looked at twice a second for `seconds`: `throughput(n)` is
 * what n uploads at once carry. Answers the number at once after each look.
 */
function run(
  tuner: ConcurrencyTuner,
  base: number,
  seconds: number,
  throughput: (n: number) => number,
): number[] {
  let now = 0
  let moved = 0
  const limits: number[] = []
  for (let step = 0; step < seconds * 2; step++) {
    tuner.observe('huvr', base, now, moved, true)
    const limit = tuner.limit('huvr', base)
    limits.push(limit)
    now += 500
    moved += (throughput(limit) * 500) / 1000
  }
  return limits
}

describe('uploads at once', () => {
  it('adds uploads while each is held to its connection’s cap, and stops when the link is full', () => {
    const tuner = new ConcurrencyTuner()
    // 5 Mbit/s per connection, 20 Mbit/s for the site.
    const limits = run(tuner, 3, 40, (n) => Math.min(n * 5 * MBIT, 20 * MBIT))
    expect(Math.max(...limits)).toBe(5) // it tried one more than pays…
    expect(limits.at(-1)).toBe(4) // …and went back to the number that fills the link
  })

  it('stays at the setting when more at once carries no more (loopback, a busy CPU)', () => {
    const tuner = new ConcurrencyTuner()
    const limits = run(tuner, 3, 40, () => 80 * 1024 * 1024)
    expect(limits.at(-1)).toBe(3)
    expect(Math.max(...limits)).toBe(4)
  })

  it('never goes past twice the setting, nor tunes while uploads do not wait for a slot', () => {
    const capped = new ConcurrencyTuner()
    const limits = run(capped, 2, 120, (n) => n * MBIT)
    expect(Math.max(...limits)).toBe(4)

    const idle = new ConcurrencyTuner()
    for (let now = 0; now < 60_000; now += 500) idle.observe('huvr', 3, now, now * 1000, false)
    expect(idle.limit('huvr', 3)).toBe(3)
  })
})
