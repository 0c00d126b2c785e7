import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react'
import type { FieldValue } from '../../../shared/rpc/outbox-contract'
import {
  choicesWith,
  formatForInput,
  parseInput,
  type Choice,
  type InputKind,
} from '../edits/field-input'
import { sameFieldValue } from '../edits/field-save'

/** Long enough not to save each keystroke, short enough that a pause is a save. */
const SAVE_AFTER_TYPING_MS = 600

/** What the page around the control decides: its name, description and keyboard moves. */
export interface ControlProps {
  id?: string
  'aria-label'?: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
  /** Where the control sits in a grid, for moving between cells with the keyboard. */
  'data-cell'?: string
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void
}

/** Inputs whose value is typed a character at a time: saved after a pause and on leaving. */
function isTyped(input: InputKind): boolean {
  return input !== 'choice' && input !== 'boolean'
}

/**
 * A field that saves by itself: choices as soon as they are picked, typed values after a pause
 * and when the inspector leaves the field (or the page). What they typed stays on screen until
 * the core has it, and stays when the core refuses it, so they can correct it.
 */
export function FieldInput(props: {
  input: InputKind
  choices?: readonly Choice[] | undefined
  value: FieldValue
  /** Stores the value; answers whether it was stored. */
  onSave: (value: FieldValue) => Promise<boolean>
  /** A typed text that is no value of this kind ("Enter a number."), or null once it is. */
  onInvalid: (problem: string | null) => void
  control: ControlProps
  disabled?: boolean
}) {
  const { input, value, onSave, onInvalid } = props
  const [draft, setDraft] = useState<string | null>(null)
  const draftRef = useRef<string | null>(null)
  const valueRef = useRef(value)
  const focused = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const choices = props.choices ?? []

  const setShownDraft = (text: string | null) => {
    draftRef.current = text
    setDraft(text)
  }

  /** Saves the text if it is a new value; answers whether the field now holds it. */
  const commit = async (text: string): Promise<boolean> => {
    clearTimeout(timer.current)
    timer.current = undefined
    const parsed = parseInput(input, text, choices)
    if ('problem' in parsed) {
      onInvalid(parsed.problem)
      return false
    }
    onInvalid(null)
    if (sameFieldValue(parsed.value, valueRef.current)) return true
    return onSave(parsed.value)
  }

  /** Done with this text: shows the stored value again once the core has it. */
  const settle = async (text: string) => {
    const saved = await commit(text)
    if (saved && !focused.current && draftRef.current === text) setShownDraft(null)
  }

  // The stored value changed elsewhere (a sync, a resolved conflict): show it, unless the
  // inspector is typing here or has a save on its way.
  useEffect(() => {
    valueRef.current = value
    if (!focused.current && timer.current === undefined) setShownDraft(null)
  }, [value])

  // Leaving the page within the pause still saves what was typed.
  const saveWaitingText = useEffectEvent(() => {
    const text = draftRef.current
    if (timer.current !== undefined && text !== null) void commit(text)
  })
  useEffect(() => () => saveWaitingText(), [])

  const change = (text: string) => {
    setShownDraft(text)
    if (!isTyped(input)) {
      void settle(text)
      return
    }
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void commit(text), SAVE_AFTER_TYPING_MS)
  }

  const common = {
    ...props.control,
    disabled: props.disabled,
    value: draft ?? formatForInput(input, value),
    onFocus: () => {
      focused.current = true
    },
    onBlur: () => {
      focused.current = false
      const text = draftRef.current
      if (text !== null && isTyped(input)) void settle(text)
    },
  }

  if (input === 'choice' || input === 'boolean') {
    const options: readonly Choice[] =
      input === 'boolean'
        ? [
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]
        : choicesWith(choices, value)
    return (
      <select {...common} onChange={(event) => change(event.target.value)}>
        <option value="">—</option>
        {options.map((choice) => (
          <option key={String(choice.value)} value={String(choice.value)}>
            {choice.label}
          </option>
        ))}
      </select>
    )
  }
  if (input === 'long-text') {
    return <textarea {...common} rows={3} onChange={(event) => change(event.target.value)} />
  }
  return (
    <input
      {...common}
      type={input === 'date' ? 'date' : 'text'}
      // Numbers are text with a decimal keypad: type="number" would turn the arrow keys, which
      // move between rows, into steppers, and hide what was typed when it is not a number.
      inputMode={input === 'number' ? 'decimal' : input === 'integer' ? 'numeric' : undefined}
      autoComplete="off"
      onChange={(event) => change(event.target.value)}
    />
  )
}
