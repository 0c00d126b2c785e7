import { useId, useState, type FormEvent } from 'react'
import { useLocation } from 'wouter'
import type { Result } from '../../../../shared/rpc/contract'
import type { FieldValues } from '../../../../shared/rpc/outbox-contract'
import { DraftFields, DraftFormActions } from '../../components/DraftField'
import { ErrorNotice, Loading } from '../../components/Notice'
import { parseDraft } from '../../edits/field-input'
import { problemsByField } from '../../edits/field-save'
import { PROJECT_FIELDS, refIdOf } from '../../edits/huvr-fields'
import { useQuery, useRpc } from '../../rpc/hooks'
import { projectHref } from '../../routes'

type ProjectTypes = Result<'huvr.lookups'>

/** Set by the form itself (the asset) or by its own control (the type); refusals shown on top. */
const SET_BY_FORM = ['asset', 'type']

/**
 * The project types a new project on this asset may have: those whose asset types include the
 * asset's type, when HUVR's record says (a type listing none, or an asset of unknown type, does
 * not narrow the choice). Inactive types are left out. `narrowed` is false when no type lists
 * the asset's type, so every active one is offered rather than none.
 */
export function projectTypesFor(
  types: ProjectTypes,
  assetTypeId: number | null,
): { offered: ProjectTypes; narrowed: boolean } {
  const active = types.filter((type) => type.record['is_active'] !== false)
  if (assetTypeId === null) return { offered: active, narrowed: false }
  const fitting = active.filter((type) => {
    const assetTypes = type.record['asset_types']
    if (!Array.isArray(assetTypes) || assetTypes.length === 0) return true
    return assetTypes.some((assetType) => refIdOf(assetType) === assetTypeId)
  })
  return fitting.length > 0
    ? { offered: fitting, narrowed: fitting.length < active.length }
    : { offered: active, narrowed: false }
}

/**
 * Creates a project on an asset, offline too: it is stored here at once (with a local id) and
 * reaches HUVR with the next push; findings recorded on it meanwhile are sent after it. The
 * project is made available offline, since it was made to be worked on here, and its page opens.
 */
export function ProjectCreateForm(props: {
  connectionId: string
  assetId: number
  assetName: string
  /** The asset's type in HUVR, which narrows the project types offered; null when unknown. */
  assetTypeId: number | null
  onCancel: () => void
}) {
  const { connectionId } = props
  const rpc = useRpc()
  const [, navigate] = useLocation()
  const types = useQuery('huvr.lookups', { connectionId, kind: 'project-types' }, ['sync.finished'])
  const [typeId, setTypeId] = useState<number | null>(null)
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map())
  const [saving, setSaving] = useState(false)
  const typeFieldId = useId()

  if (types.state === 'loading') return <Loading what="project types" />
  if (types.state === 'error') {
    return (
      <ErrorNotice title="The project types could not be read." message={types.error.message} />
    )
  }
  const { offered, narrowed } = projectTypesFor(types.value, props.assetTypeId)
  const chosenType = offered.some((type) => type.id === typeId) ? typeId : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const typed = parseDraft(PROJECT_FIELDS, texts)
    const values: FieldValues = { asset: props.assetId, type: chosenType, ...typed.values }
    if ((texts['name'] ?? '').trim() === '') typed.problems.set('name', 'Give the project a name.')
    if (chosenType === null) typed.problems.set('type', 'Choose the project type.')
    setProblems(typed.problems)
    if (typed.problems.size > 0) return
    setSaving(true)
    const result = await rpc.call('records.create', {
      connectionId,
      kind: 'huvr.project',
      fields: values,
    })
    if (!result.ok) {
      setSaving(false)
      setProblems(
        problemsByField(result.error.message, [
          ...PROJECT_FIELDS.map((spec) => spec.field),
          ...SET_BY_FORM,
        ]),
      )
      return
    }
    const id = Number(result.value.id)
    // Kept on this computer with its findings; the project exists whether or not this succeeds.
    await rpc.call('projects.setAvailableOffline', { connectionId, id, available: true })
    navigate(projectHref(connectionId, id))
  }

  const formProblems = ['', 'asset'].flatMap((field) => problems.get(field) ?? [])
  const typeProblem = problems.get('type') ?? null
  return (
    <form
      className="panel create-form"
      aria-label="New project"
      onSubmit={(event) => void submit(event)}
    >
      <h3>New project on {props.assetName}</h3>
      <p className="muted">
        Saved on this computer at once, and sent to HUVR with the next push; you can record findings
        on it before then.
      </p>
      {offered.length === 0 && (
        <ErrorNotice
          title="No project types on this computer."
          message="A project needs one of HUVR’s project types: sync the account once while online."
        />
      )}
      <div className="edit-form">
        <div className="form-field edit-field">
          <label htmlFor={typeFieldId}>
            Project type<span className="muted"> (required)</span>
          </label>
          <select
            id={typeFieldId}
            value={chosenType ?? ''}
            aria-required
            aria-invalid={typeProblem === null ? undefined : true}
            aria-describedby={typeProblem === null ? undefined : `${typeFieldId}-problem`}
            onChange={(event) =>
              setTypeId(event.target.value === '' ? null : Number(event.target.value))
            }
          >
            <option value="">—</option>
            {offered.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
          {narrowed && <small className="muted">Types HUVR allows for this asset’s type.</small>}
          {typeProblem !== null && (
            <small id={`${typeFieldId}-problem`} className="field-problem">
              {typeProblem}
            </small>
          )}
        </div>
        <DraftFields
          fields={PROJECT_FIELDS}
          texts={texts}
          problems={problems}
          required={['name']}
          onChange={(field, text) => setTexts((previous) => ({ ...previous, [field]: text }))}
        />
      </div>
      <DraftFormActions
        problems={formProblems}
        notStoredTitle="The project was not created."
        submitLabel="Create project"
        canSubmit={!saving && offered.length > 0}
        onCancel={props.onCancel}
      />
    </form>
  )
}
