import { useEffect, useEffectEvent } from 'react'
import { ModalDialog } from '../../components/ModalDialog'
import type { MediaRow } from '../../../../shared/rpc/huvr-contract'
import { StateBadge } from '../../components/Badges'
import { Facts } from '../../components/Facts'
import { formatServerDate } from '../../format'
import { MediaThumbnail } from './MediaThumbnail'

/**
 * One media item large, in a modal dialog: Escape closes (the browser's own dialog behaviour),
 * the arrow keys step through the project's media.
 */
export function MediaViewer(props: {
  media: MediaRow[]
  index: number
  projectAvailableOffline: boolean
  onNavigate: (index: number) => void
  onClose: () => void
}) {
  const { media, index, onNavigate, onClose } = props
  const item = media[index]

  const hasPrevious = index > 0
  const hasNext = index < media.length - 1

  // On the document, not the dialog: a step button that just became disabled drops the focus.
  const onArrowKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft' && hasPrevious) onNavigate(index - 1)
    if (event.key === 'ArrowRight' && hasNext) onNavigate(index + 1)
  })
  useEffect(() => {
    document.addEventListener('keydown', onArrowKey)
    return () => document.removeEventListener('keydown', onArrowKey)
  }, [])

  if (!item) return null
  const title = item.name ?? `Media #${item.id}`

  return (
    <ModalDialog className="viewer" labelledBy="viewer-title" onClose={onClose}>
      <header className="viewer-header">
        <h2 id="viewer-title">{title}</h2>
        <span className="muted">
          {index + 1} of {media.length}
        </span>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="viewer-body">
        <button
          type="button"
          className="viewer-step"
          disabled={!hasPrevious}
          onClick={() => onNavigate(index - 1)}
        >
          ‹ Previous
        </button>
        <figure className="viewer-figure">
          <MediaThumbnail
            key={item.id}
            media={item}
            projectAvailableOffline={props.projectAvailableOffline}
            size="large"
          />
        </figure>
        <button
          type="button"
          className="viewer-step"
          disabled={!hasNext}
          onClick={() => onNavigate(index + 1)}
        >
          Next ›
        </button>
      </div>
      <Facts
        facts={[
          ['State', <StateBadge key="state" value={item.state} />],
          ['Captured', item.capturedOn ? formatServerDate(item.capturedOn) : null],
          ['Type', item.mediaType],
          ['HUVR id', String(item.id)],
        ]}
      />
      <p className="muted viewer-hint">← → to step through, Esc to close.</p>
    </ModalDialog>
  )
}
