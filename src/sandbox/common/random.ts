/**
 * A small seeded pseudo-random generator (a 32-bit counter passed through an avalanche mix).
 * Math.random cannot be seeded, and both the seed data and the fault injection must repeat exactly.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Round to `decimals` places after drawing uniformly from [min, max). */
  float(min: number, max: number, decimals: number): number
  /** An epoch-millisecond instant in [from, to); `from` when the span is empty. */
  instant(from: number, to: number): number
  /** A whole count around an average: 1.5 becomes 1 or 2, so totals match it over many draws. */
  count(average: number): number
}

export function createRandom(seed: number): Random {
  let counter = seed >>> 0
  const next = (): number => {
    counter = (counter + 0x9e3779b9) >>> 0
    let mixed = counter
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b)
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35)
    mixed ^= mixed >>> 16
    return (mixed >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)] as T
    },
    float(min, max, decimals) {
      const factor = 10 ** decimals
      return Math.round((min + next() * (max - min)) * factor) / factor
    },
    instant: (from, to) => from + Math.floor(next() * Math.max(1, to - from)),
    count(average) {
      const whole = Math.floor(average)
      return whole + (next() < average - whole ? 1 : 0)
    },
  }
}
