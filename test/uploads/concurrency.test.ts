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

/**
 * A batch of equal files over a link that holds each connection to `perConnection` and the site
 * to `total` (bytes/s), seen as the queue sees it: it looks when a file finishes, and a file
 * counts as moved in full the moment it starts (the socket takes it into its buffers before the
 * link drains them: the worst case of progress running ahead). Answers the batch's throughput.
 */
function batchThroughput(
  tuner: ConcurrencyTuner,
  base: number,
  files: number,
  fileBytes: number,
  link: { perConnection: number; total: number },
): number {
  let now = 0
  let moved = 0
  let started = 0
  let running: number[] = [] // bytes left of each file under way
  while (started < files || running.length > 0) {
    tuner.observe('huvr', base, now, moved, files - started > 0)
    const limit = tuner.limit('huvr', base)
    while (running.length < limit && started < files) {
      running.push(fileBytes)
      moved += fileBytes
      started++
    }
    const rate = Math.min(link.perConnection, link.total / running.length) // each, bytes/s
    const untilOneDone = Math.min(...running) / rate
    running = running.map((left) => left - rate * untilOneDone).filter((left) => left > 1)
    now += untilOneDone * 1000
  }
  return (files * fileBytes) / (now / 1000)
}

describe('uploads at once', () => {
  it('adds uploads while each is held to its connection’s cap, and stops when the link is full', () => {
    const tuner = new ConcurrencyTuner()
    // 5 Mbit/s per connection, 20 Mbit/s for the site.
    const limits = run(tuner, 3, 40, (n) => Math.min(n * 5 * MBIT, 20 * MBIT))
    expect(Math.max(...limits)).toBe(5) // it tried one more than pays…
    expect(limits.at(-1)).toBe(4) // …and went back to the number that fills the link
  })

  it('finds the number that fills a field link though progress jumps a whole file at a time', () => {
    // 5.8 MB photos, 5 Mbit/s a connection, 20 Mbit/s shared: 4 at once fill the link, the
    // setting's 3 carry 15 Mbit/s.
    const link = { perConnection: 5 * MBIT, total: 20 * MBIT }
    const throughput = batchThroughput(new ConcurrencyTuner(), 3, 200, 5.8e6, link)
    expect(throughput / link.total).toBeGreaterThan(0.9)
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
