import { useId } from 'react'
import { choicesWith, type FieldSpec } from '../edits/field-input'
import { ErrorNotice } from './Notice'
import { fieldClass } from './RecordForm'

/**
 * The fields of a form that is stored as a whole (a new defect, a new project): they only hold
 * what was typed until the inspector says "Add" (see parseDraft), each with its problem.
 */
export function DraftFields(props: {
  fields: readonly FieldSpec[]
  texts: Readonly<Record<string, string>>
  problems: ReadonlyMap<string, string>
  /** Those that must be filled in, marked "(required)". */
  required?: readonly string[]
  onChange: (field: string, text: string) => void
}) {
  return props.fields.map((spec) => (
    <DraftField
      key={spec.field}
      spec={spec}
      text={props.texts[spec.field] ?? ''}
      problem={props.problems.get(spec.field) ?? null}
      required={props.required?.includes(spec.field) === true}
      onChange={(text) => props.onChange(spec.field, text)}
    />
  ))
}

function DraftField(props: {
  spec: FieldSpec
  text: string
  problem: string | null
  required: boolean
  onChange: (text: string) => void
}) {
  const { spec, text, problem } = props
  const id = useId()
  const control = {
    id,
    value: text,
    'aria-invalid': problem === null ? undefined : true,
    'aria-describedby': problem === null ? undefined : `${id}-problem`,
    'aria-required': props.required ? true : undefined,
  }
  return (
    <div className={fieldClass(spec)}>
      <label htmlFor={id}>
        {spec.label}
        {props.required && <span className="muted"> (required)</span>}
      </label>
      {spec.input === 'choice' ? (
        <select {...control} onChange={(event) => props.onChange(event.target.value)}>
          <option value="">—</option>
          {choicesWith(spec.choices ?? [], text === '' ? null : text).map((choice) => (
            <option key={String(choice.value)} value={String(choice.value)}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : spec.input === 'long-text' ? (
        <textarea {...control} rows={3} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...control}
          type={spec.input === 'date' ? 'date' : 'text'}
          inputMode={spec.input === 'integer' ? 'numeric' : undefined}
          autoComplete="off"
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      {problem !== null && (
        <small id={`${id}-problem`} className="field-problem">
          {problem}
        </small>
      )}
    </div>
  )
}

/**
 * The end of such a form: why it was not stored, where no field is to blame (the server's or
 * the core's refusal in general, or about what the form sets itself), and its buttons.
 */
export function DraftFormActions(props: {
  problems: readonly string[]
  /** "The defect was not added." */
  notStoredTitle: string
  submitLabel: string
  canSubmit: boolean
  onCancel: () => void
}) {
  return (
    <>
      {props.problems.length > 0 && (
        <ErrorNotice title={props.notStoredTitle} message={props.problems.join(' ')} />
      )}
      <div className="form-actions">
        <button type="submit" disabled={!props.canSubmit}>
          {props.submitLabel}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  )
}
