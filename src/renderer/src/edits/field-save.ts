import type { FieldValue, FieldValues } from '../../../shared/rpc/outbox-contract'
import type { RpcErrorBody } from '../../../shared/rpc/result'

/** Stores changes to one record locally: null when saved, else why the core refused them. */
export type FieldSave = (changes: FieldValues) => Promise<RpcErrorBody | null>

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The core refuses values with "field: why", several joined by spaces ("name: This field is
 * required. severity: Enter a whole number."). Splits such a message into each field's part;
 * whatever names none of `fields` is under "".
 */
export function problemsByField(message: string, fields: readonly string[]): Map<string, string> {
  const problems = new Map<string, string>()
  if (fields.length === 0) return problems.set('', message)
  const names = [...fields].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const starts = [...message.matchAll(new RegExp(`(?:^|\\s)(${names.join('|')}): `, 'g'))]
  if (starts.length === 0) return problems.set('', message)
  const before = message.slice(0, starts[0]?.index ?? 0).trim()
  if (before !== '') problems.set('', before)
  starts.forEach((start, index) => {
    const field = start[1] ?? ''
    const from = (start.index ?? 0) + start[0].length
    const to = starts[index + 1]?.index ?? message.length
    const text = message.slice(from, to).trim()
    problems.set(field, problems.has(field) ? `${problems.get(field)} ${text}` : text)
  })
  return problems
}

/** The part of a refusal about one field, or the whole message when it names no field. */
export function problemFor(error: RpcErrorBody, field: string): string {
  const problems = problemsByField(error.message, [field])
  return problems.get(field) ?? error.message
}

/** Empty text and null both mean "no value": moving between them is no change. */
export function sameFieldValue(a: FieldValue, b: FieldValue): boolean {
  const blank = (value: FieldValue) => value === null || value === ''
  return a === b || (blank(a) && blank(b))
}
