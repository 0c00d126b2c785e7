import { useCallback, useState } from 'react'
import type { FieldValue, RecordView } from '../../../shared/rpc/outbox-contract'
import { problemFor, type FieldSave } from './field-save'

/**
 * For fields that are each saved as soon as they change: the core's (or the control's) refusal
 * per field, kept until the field holds a valid value. `saveField` stores one field through
 * `save` and sets or clears its refusal by the answer; it says whether the field was saved.
 */
export function useFieldRefusals(save: FieldSave): {
  refusals: ReadonlyMap<string, string>
  setRefusal: (field: string, problem: string | null) => void
  saveField: (field: string, value: FieldValue) => Promise<boolean>
} {
  const [refusals, setRefusals] = useState<ReadonlyMap<string, string>>(new Map())

  const setRefusal = useCallback(
    (field: string, problem: string | null) =>
      setRefusals((previous) => {
        const next = new Map(previous)
        if (problem === null) next.delete(field)
        else next.set(field, problem)
        return next
      }),
    [],
  )

  const saveField = async (field: string, value: FieldValue) => {
    const error = await save({ [field]: value })
    setRefusal(field, error === null ? null : problemFor(error, field))
    return error === null
  }

  return { refusals, setRefusal, saveField }
}

/** One field of a record's form, as its control needs it. */
export interface RecordFieldProps {
  value: FieldValue
  /** Changed here and not on the server yet. */
  pending: boolean
  /** What was refused here first, then the server's messages. */
  problems: string[]
  /** The record is to be deleted: nothing more is typed into it. */
  disabled: boolean
  onSave: (value: FieldValue) => Promise<boolean>
  onInvalid: (problem: string | null) => void
}

/**
 * A record's fields for a form that saves each one locally as soon as it changes (see
 * useFieldRefusals): `fieldProps(field)` is what that field's control shows and does.
 */
export function useRecordFields(
  view: RecordView,
  save: FieldSave,
): (field: string) => RecordFieldProps {
  const { refusals, setRefusal, saveField } = useFieldRefusals(save)
  return (field) => {
    const refusal = refusals.get(field)
    return {
      value: view.fields[field] ?? null,
      pending: view.pendingFields.includes(field),
      problems: [...(refusal === undefined ? [] : [refusal]), ...(view.fieldErrors[field] ?? [])],
      disabled: view.pendingDelete,
      onSave: (value) => saveField(field, value),
      onInvalid: (problem) => setRefusal(field, problem),
    }
  }
}
