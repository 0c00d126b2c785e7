import type { FieldValue, FieldValues } from '../../../shared/rpc/outbox-contract'

/** How a field is typed in: the control it gets and how its text becomes a value. */
export type InputKind = 'text' | 'long-text' | 'number' | 'integer' | 'date' | 'choice' | 'boolean'

export interface Choice {
  value: string | number
  label: string
}

export interface FieldSpec {
  /** The server's field name, e.g. "serial_number" or a checklist's "general.weather". */
  field: string
  label: string
  input: InputKind
  choices?: readonly Choice[]
  /** Shown after the input, e.g. "in". */
  units?: string | null
  /** Takes two columns of the form: names are long. */
  wide?: boolean
}

type Parsed = { value: FieldValue } | { problem: string }

const BOOLEAN_TEXT = { true: 'true', false: 'false' } as const

/** A value as the control holds it (always text). */
export function formatForInput(input: InputKind, value: FieldValue): string {
  if (value === null) return ''
  if (input === 'boolean') return value === true ? BOOLEAN_TEXT.true : BOOLEAN_TEXT.false
  if (input === 'date' && typeof value === 'string') return value.slice(0, 10)
  return String(value)
}

/** The control's text as the value to store, or why it is not one. */
export function parseInput(
  input: InputKind,
  text: string,
  choices: readonly Choice[] = [],
): Parsed {
  const trimmed = text.trim()
  switch (input) {
    case 'text':
    case 'long-text':
      // Cleared text is sent blank, not null: HUVR's text fields take "" but often refuse null.
      return { value: text }
    case 'date':
      return { value: trimmed === '' ? null : trimmed }
    case 'boolean':
      return { value: trimmed === '' ? null : trimmed === BOOLEAN_TEXT.true }
    case 'choice': {
      if (trimmed === '') return { value: null }
      return { value: choices.find((choice) => String(choice.value) === trimmed)?.value ?? trimmed }
    }
    case 'number':
    case 'integer': {
      if (trimmed === '') return { value: null }
      // A decimal comma is how many inspectors type a reading; a lone comma can only mean that.
      const number = Number(trimmed.includes('.') ? trimmed : trimmed.replace(',', '.'))
      if (!Number.isFinite(number)) return { problem: 'Enter a number.' }
      if (input === 'integer' && !Number.isInteger(number))
        return { problem: 'Enter a whole number.' }
      return { value: number }
    }
  }
}

/**
 * What was typed in a form stored as a whole (a new defect, a new project) as values: blank
 * fields are left out, so the server's defaults apply; a text that is no value is a problem.
 */
export function parseDraft(
  fields: readonly FieldSpec[],
  texts: Readonly<Record<string, string>>,
): { values: FieldValues; problems: Map<string, string> } {
  const values: FieldValues = {}
  const problems = new Map<string, string>()
  for (const spec of fields) {
    const text = texts[spec.field] ?? ''
    if (text.trim() === '') continue
    const parsed = parseInput(spec.input, text, spec.choices)
    if ('problem' in parsed) problems.set(spec.field, parsed.problem)
    else values[spec.field] = parsed.value
  }
  return { values, problems }
}

/** Choices with the current value added when it is not one of them, so it is never hidden. */
export function choicesWith(choices: readonly Choice[], value: FieldValue): readonly Choice[] {
  if (value === null || value === '' || typeof value === 'boolean') return choices
  if (choices.some((choice) => String(choice.value) === String(value))) return choices
  return [...choices, { value, label: String(value) }]
}
