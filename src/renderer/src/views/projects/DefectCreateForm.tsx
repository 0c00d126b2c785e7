import { useId, useState, type FormEvent } from 'react'
import type { Result } from '../../../../shared/rpc/contract'
import type { FieldValues, RecordView } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice } from '../../components/Notice'
import { DraftFields, DraftFormActions } from '../../components/DraftField'
import { parseDraft } from '../../edits/field-input'
import { problemsByField } from '../../edits/field-save'
import { defectFields } from '../../edits/huvr-fields'
import { useRpc } from '../../rpc/hooks'

type Profiles = Result<'huvr.lookups'>

/** Fields the core fills in or the form sets itself; its refusals about them are shown on top. */
const SET_BY_FORM = ['project', 'asset_id', 'profile_id']

/**
 * Records a new defect on the project. Unlike edits, a new defect is only stored when the
 * inspector says so: half-filled, it would be sent as a finding.
 */
export function DefectCreateForm(props: {
  connectionId: string
  projectId: number
  profiles: Profiles
  onCancel: () => void
  onCreated: (view: RecordView) => void
}) {
  const { profiles } = props
  const rpc = useRpc()
  const [profileId, setProfileId] = useState<number | null>(profiles[0]?.id ?? null)
  const [texts, setTexts] = useState<Record<string, string>>({ state: 'OPEN' })
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map())
  const [saving, setSaving] = useState(false)
  const profile = profiles.find((candidate) => candidate.id === profileId) ?? null
  const fields = defectFields(profile?.record ?? null)
  const profileFieldId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const typed = parseDraft(fields, texts)
    const values: FieldValues = { project: props.projectId, profile_id: profileId, ...typed.values }
    setProblems(typed.problems)
    if (typed.problems.size > 0) return
    setSaving(true)
    const result = await rpc.call('records.create', {
      connectionId: props.connectionId,
      kind: 'huvr.defect',
      fields: values,
    })
    setSaving(false)
    if (result.ok) props.onCreated(result.value)
    else
      setProblems(
        problemsByField(result.error.message, [
          ...fields.map((spec) => spec.field),
          ...SET_BY_FORM,
        ]),
      )
  }

  const formProblems = ['', ...SET_BY_FORM].flatMap((field) => problems.get(field) ?? [])
  return (
    <form
      className="panel create-form"
      aria-label="New defect"
      onSubmit={(event) => void submit(event)}
    >
      <h3>New defect</h3>
      {profiles.length === 0 && (
        <ErrorNotice
          title="No defect profiles on this computer."
          message="A defect needs one of HUVR’s defect profiles: sync the account once while online."
        />
      )}
      <div className="edit-form">
        {profiles.length > 1 && (
          <div className="form-field edit-field">
            <label htmlFor={profileFieldId}>Defect profile</label>
            <select
              id={profileFieldId}
              value={profileId ?? ''}
              onChange={(event) => setProfileId(Number(event.target.value))}
            >
              {profiles.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <DraftFields
          fields={fields}
          texts={texts}
          problems={problems}
          onChange={(field, text) => setTexts((previous) => ({ ...previous, [field]: text }))}
        />
      </div>
      <DraftFormActions
        problems={formProblems}
        notStoredTitle="The defect was not added."
        submitLabel="Add defect"
        canSubmit={!saving && profileId !== null}
        onCancel={props.onCancel}
      />
    </form>
  )
}
