/**
 * Reading the server's loose JSON records (`record` in the contract). HUVR sends references
 * either nested ({id, name}) or flat (an id), and any field may be missing: these helpers never
 * throw and return null for anything they cannot show.
 */

export type LooseRecord = Record<string, unknown>

export function isPlainObject(value: unknown): value is LooseRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A field as display text: strings, numbers and booleans as they are; a reference by its name or label. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (isPlainObject(value)) {
    for (const key of ['name', 'label', 'display', 'title', 'value']) {
      const text = textOf(value[key])
      if (text !== null) return text
    }
    if (typeof value.id === 'number') return `#${value.id}`
  }
  return null
}

export function field(record: LooseRecord, ...keys: string[]): string | null {
  for (const key of keys) {
    const text = textOf(record[key])
    if (text !== null) return text
  }
  return null
}

export function numberField(record: LooseRecord, key: string): number | null {
  const value = record[key]
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value)
  return null
}

export function objectField(record: LooseRecord, key: string): LooseRecord | null {
  const value = record[key]
  return isPlainObject(value) ? value : null
}
