import { useState } from 'react'
import { Link } from 'wouter'
import type { OutboxItem } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice } from '../../components/Notice'
import { labelOfField, refIdOf } from '../../edits/huvr-fields'
import { kindLabel } from '../../format'
import { useQuery, useRpc } from '../../rpc/hooks'
import { assetHref, projectHref } from '../../routes'

const OPERATION_LABELS: Record<OutboxItem['op'], string> = {
  create: 'New',
  update: 'Edited',
  delete: 'Deleted',
}

/** "Edited defect", "New reading": what the change is, in words. */
export function changeKind(item: OutboxItem): string {
  const kind = item.kind === 'huvr.measurement' ? 'reading' : kindLabel(item.kind).toLowerCase()
  return `${OPERATION_LABELS[item.op]} ${kind}`
}

/** A field's name for people; a checklist answer "general.weather" reads "General › Weather". */
export function fieldLabel(field: string): string {
  return labelOfField(field)
}

/** Where the record is edited: its own page, or its project's for findings and checklists. */
export function RecordLink({ item }: { item: OutboxItem }) {
  const id = Number(item.id)
  if (item.kind === 'huvr.asset' && id > 0) {
    return <Link href={assetHref(item.connectionId, id)}>Open the asset</Link>
  }
  // A project created here has its page too (under its local id until HUVR gives it one).
  if (item.kind === 'huvr.project' && Number.isInteger(id)) {
    return <Link href={projectHref(item.connectionId, id)}>Open the project</Link>
  }
  if (item.kind === 'transam.document') return null
  const projectId = refIdOf(item.fields['project'])
  if (projectId !== null)
    return <ProjectLink connectionId={item.connectionId} projectId={projectId} />
  return <ProjectOfRecordLink item={item} />
}

function ProjectLink(props: { connectionId: string; projectId: number }) {
  return <Link href={projectHref(props.connectionId, props.projectId)}>Open the project</Link>
}

function ProjectOfRecordLink({ item }: { item: OutboxItem }) {
  const record = useQuery('records.get', {
    connectionId: item.connectionId,
    kind: item.kind,
    id: item.id,
  })
  if (record.state !== 'ready') return null
  const projectId =
    refIdOf(record.value.fields['project']) ?? refIdOf(record.value.record['project'])
  return projectId === null ? null : (
    <ProjectLink connectionId={item.connectionId} projectId={projectId} />
  )
}

/** Drops a change after asking; the page then offers to undo it. */
export function DiscardButton(props: {
  item: OutboxItem
  label?: string
  onDiscarded: (undoId: number) => void
}) {
  const rpc = useRpc()
  const [confirming, setConfirming] = useState(false)
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { item } = props

  const discard = async () => {
    setWorking(true)
    const result = await rpc.call('outbox.discard', { itemId: item.itemId })
    setWorking(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setConfirming(false)
    props.onDiscarded(result.value.undoId)
  }

  const consequence =
    item.op === 'create'
      ? 'The record made here is removed.'
      : item.op === 'delete'
        ? 'The record is kept after all.'
        : 'The record goes back to the server’s values.'
  return (
    <>
      {!confirming && (
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          {props.label ?? 'Discard'}
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={`Confirm discarding ${item.title}`}>
          <span>Discard this change? {consequence}</span>
          <button
            type="button"
            className="button-danger"
            disabled={working}
            onClick={() => void discard()}
          >
            Discard
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      {error && <ErrorNotice title="The change was not discarded." message={error} />}
    </>
  )
}
