import { useId } from 'react'
import type { RecordView } from '../../../shared/rpc/outbox-contract'
import type { Choice, FieldSpec, InputKind } from '../edits/field-input'
import type { FieldSave } from '../edits/field-save'
import { useRecordFields, type RecordFieldProps } from '../edits/useRecordFields'
import { FieldInput, type ControlProps } from './FieldInput'

/**
 * A record's editable fields, each saved locally as soon as it changes (no Save button). A field
 * changed here and not yet sent is marked; the server's messages and the core's refusals show
 * under the field they are about.
 */
export function RecordForm(props: {
  view: RecordView
  fields: readonly FieldSpec[]
  save: FieldSave
  label: string
}) {
  const fieldProps = useRecordFields(props.view, props.save)
  return (
    <form
      className="edit-form"
      aria-label={props.label}
      onSubmit={(event) => event.preventDefault()}
    >
      {props.fields.map((spec) => (
        <FormField key={spec.field} spec={spec} {...fieldProps(spec.field)} />
      ))}
    </form>
  )
}

function FormField(props: RecordFieldProps & { spec: FieldSpec }) {
  const { spec, problems } = props
  const id = useId()
  const problemsId = `${id}-problems`
  return (
    <div className={fieldClass(spec)}>
      <label htmlFor={id}>
        {spec.label}
        {props.pending && (
          <span className="pending-mark" title="Changed here; not on the server yet">
            {' '}
            · not sent yet
          </span>
        )}
      </label>
      <RecordFieldControl
        field={props}
        input={spec.input}
        choices={spec.choices}
        units={spec.units}
        id={id}
        problemsId={problemsId}
      />
      {problems.length > 0 && (
        <small id={problemsId} className="field-problem" role="alert">
          {problems.join(' ')}
        </small>
      )}
    </div>
  )
}

/**
 * A record field's control, which saves by itself, with its units after it. While the field has
 * problems it is marked invalid and described by them (shown by the caller under `problemsId`).
 */
export function RecordFieldControl(props: {
  field: RecordFieldProps
  input: InputKind
  choices?: readonly Choice[] | undefined
  units?: string | null | undefined
  id: string
  problemsId: string
  /** More for the control: where it sits in a grid, the keys that move on. */
  control?: Pick<ControlProps, 'data-cell' | 'onKeyDown'>
}) {
  const { field } = props
  const invalid = field.problems.length > 0
  return (
    <span className="edit-control">
      <FieldInput
        input={props.input}
        choices={props.choices}
        value={field.value}
        onSave={field.onSave}
        onInvalid={field.onInvalid}
        disabled={field.disabled}
        control={{
          id: props.id,
          ...props.control,
          'aria-invalid': invalid ? true : undefined,
          'aria-describedby': invalid ? props.problemsId : undefined,
        }}
      />
      {props.units && <span className="muted">{props.units}</span>}
    </span>
  )
}

/** Long text takes the whole width of the form, names two columns, the rest one. */
export function fieldClass(spec: FieldSpec): string {
  if (spec.input === 'long-text') return 'form-field edit-field full-width'
  return spec.wide === true ? 'form-field edit-field double-width' : 'form-field edit-field'
}
