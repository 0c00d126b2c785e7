import { describe, expect, it } from 'vitest'
import { ConcurrencyTuner } from '../../src/main/uploads/concurrency'

const MBIT = 1_000_000 / 8
const PHOTO = 5.8e6

/**
 * A batch of equal files through the tuner, as the queue runs it: it looks for work whenever a
 * file finishes, starts files up to the tuner's limit, and tells the tuner of each file storage
 * took. `eachCarries(n)` is what one upload carries (bytes/s) while n run at once. Answers the
 * batch's throughput and the number at once over time (one entry a second).
 */
function batch(
  tuner: ConcurrencyTuner,
  base: number,
  files: number,
  eachCarries: (n: number) => number,
): { throughput: number; atOnce: number[] } {
  let now = 0
  let waiting = files
  let running: { left: number; startedAt: number }[] = []
  const atOnce: number[] = []
  while (waiting > 0 || running.length > 0) {
    tuner.observe('huvr', base, now, running.length + waiting > tuner.limit('huvr', base))
    while (running.length < tuner.limit('huvr', base) && waiting > 0) {
      running.push({ left: PHOTO, startedAt: now })
      waiting--
    }
    const rate = eachCarries(running.length) / 1000 // bytes/ms
    const step = Math.min(...running.map((file) => file.left)) / rate
    for (let second = Math.ceil(now / 1000); second < (now + step) / 1000; second++) {
      atOnce.push(running.length)
    }
    now += step
    running = running.map((file) => ({ ...file, left: file.left - rate * step }))
    for (const file of running.filter((each) => each.left < 1)) {
      tuner.delivered('huvr', { startedAt: file.startedAt, ms: now - file.startedAt, bytes: PHOTO })
    }
    running = running.filter((file) => file.left >= 1)
  }
  return { throughput: (files * PHOTO * 1000) / now, atOnce }
}

describe('uploads at once', () => {
  it('fills a field link whose connections are each capped, and goes no further', () => {
    // 5 Mbit/s a connection, 20 Mbit/s shared: 4 at once fill the link, the setting's 3 carry 15.
    const link = (n: number) => Math.min(5 * MBIT, (20 * MBIT) / n)
    const { throughput, atOnce } = batch(new ConcurrencyTuner(), 3, 500, link)
    expect(throughput / (20 * MBIT)).toBeGreaterThan(0.95)
    // It tries one more than pays now and then, and spends most of the batch at the number that
    // fills the link.
    const share = (n: number) => atOnce.filter((each) => each === n).length / atOnce.length
    expect(Math.max(...atOnce)).toBe(5)
    expect(share(4)).toBeGreaterThan(0.6)
    expect(share(3)).toBeLessThan(0.1)
  })

  it('fills the link on a batch of a couple of minutes too', () => {
    const link = (n: number) => Math.min(5 * MBIT, (20 * MBIT) / n)
    const { throughput } = batch(new ConcurrencyTuner(), 3, 60, link)
    expect(throughput / (20 * MBIT)).toBeGreaterThan(0.85)
  })

  it('stays at the setting when more at once carries no more (loopback, a busy CPU)', () => {
    const { atOnce } = batch(new ConcurrencyTuner(), 3, 2_000, (n) => (80 * 1024 * 1024) / n)
    expect(Math.max(...atOnce)).toBe(4)
    expect(atOnce.at(-2)).toBe(3)
  })

  it('never goes past twice the setting', () => {
    const { atOnce } = batch(new ConcurrencyTuner(), 2, 200, () => MBIT)
    expect(Math.max(...atOnce)).toBe(4)
  })

  it('judges a number only by files begun at it, and not while uploads do not wait for a slot', () => {
    const tuner = new ConcurrencyTuner()
    tuner.observe('huvr', 3, 0, true)
    // Files begun before the window, however many, say nothing about the number.
    for (let i = 0; i < 10; i++) tuner.delivered('huvr', { startedAt: -1, ms: 900, bytes: PHOTO })
    tuner.observe('huvr', 3, 6_000, true)
    expect(tuner.limit('huvr', 3)).toBe(3)
    for (let i = 0; i < 3; i++) tuner.delivered('huvr', { startedAt: 10, ms: 900, bytes: PHOTO })
    tuner.observe('huvr', 3, 6_500, true)
    expect(tuner.limit('huvr', 3)).toBe(4)

    const idle = new ConcurrencyTuner()
    for (let now = 0; now < 60_000; now += 500) {
      idle.observe('huvr', 3, now, false)
      idle.delivered('huvr', { startedAt: now, ms: 100, bytes: PHOTO })
    }
    expect(idle.limit('huvr', 3)).toBe(3)
  })
})
