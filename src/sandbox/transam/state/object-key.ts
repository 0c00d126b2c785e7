/**
 * TransAM object keys [C transam_object_key.rb]: the creation time in units of 100 ns, written in
 * base 24 (digits 0–9 and letters A–N), upper case: 12 characters for any date from 1974 to 2085.
 */
export const OBJECT_KEY_PATTERN = /^[0-9A-N]{12}$/

export function objectKeyValue(epochMilliseconds: number): bigint {
  return BigInt(Math.floor(epochMilliseconds)) * 10_000n
}

export function formatObjectKey(value: bigint): string {
  return value.toString(24).toUpperCase().padStart(12, '0')
}

export function isObjectKey(text: string): boolean {
  return OBJECT_KEY_PATTERN.test(text)
}

/** Hands out unique keys: a key already taken moves on by one tick, as a later clock reading would. */
export class ObjectKeys {
  private readonly taken = new Set<string>()

  next(epochMilliseconds: number): string {
    let value = objectKeyValue(epochMilliseconds)
    let key = formatObjectKey(value)
    while (this.taken.has(key)) {
      value += 1n
      key = formatObjectKey(value)
    }
    this.taken.add(key)
    return key
  }

  release(key: string): void {
    this.taken.delete(key)
  }
}
