import { useId, type ReactNode } from 'react'

/** A labelled text input with an optional hint and, when the value is refused, the problem. */
export function TextField(props: {
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'url' | 'email' | 'password'
  /** The browser's autofill hint; passwords default to new-password, the rest to off. */
  autoComplete?: string
  hint?: string
  problem?: string | undefined
}): ReactNode {
  const id = useId()
  const hintId = `${id}-hint`
  const problemId = `${id}-problem`
  const describedBy = [props.hint && hintId, props.problem && problemId].filter(Boolean).join(' ')
  return (
    <div className="form-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete ?? (props.type === 'password' ? 'new-password' : 'off')}
        spellCheck={false}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint && (
        <small id={hintId} className="muted">
          {props.hint}
        </small>
      )}
      {props.problem && (
        <small id={problemId} className="field-problem">
          {props.problem}
        </small>
      )}
    </div>
  )
}
