import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { ModalDialog } from '../../components/ModalDialog'
import type { MediaRow } from '../../../../shared/rpc/huvr-contract'
import type { LinkedMedia } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice, Loading } from '../../components/Notice'
import { SyncStateBadge } from '../../components/SyncStateBadge'
import { useCoalesced } from '../../hooks/useCoalesced'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useQuery, useRpc } from '../../rpc/hooks'
import { MediaThumbnail } from './MediaThumbnail'
import { MediaViewer } from './MediaViewer'

/** A push sends many links at once: at most one reload per 150 ms for a burst of them. */
const RELOAD_AFTER_CHANGES_MS = 150

/** Photos (and videos), not documents: what can be linked to a defect as evidence. */
function isPhoto(media: MediaRow): boolean {
  return media.id > 0 && (media.mediaType === null || /^(image|video)\//.test(media.mediaType))
}

const nameOf = (media: { id: number; name: string | null }) => media.name ?? `Media #${media.id}`

/** A linked photo as a media row: the project's row when it has one (state, type, capture day). */
function rowOf(link: LinkedMedia, projectMedia: readonly MediaRow[], connectionId: string) {
  return (
    projectMedia.find((media) => media.id === link.mediaId) ?? {
      connectionId,
      id: link.mediaId,
      name: link.name,
      state: null,
      mediaType: null,
      capturedOn: null,
      thumbnailSha256: link.thumbnailSha256,
    }
  )
}

/**
 * The photos linked to a defect, as a strip of thumbnails, and a picker of the project's photos
 * to link another. A link is stored here at once and sent with the next push; HUVR has no way
 * to remove one, so none is offered.
 */
export function DefectPhotos(props: {
  connectionId: string
  /** The defect's id: HUVR's, or a negative one for a defect created here. */
  defectId: string
  defectName: string
  media: readonly MediaRow[]
  projectAvailableOffline: boolean
  /** Linking is offered unless the defect is about to be deleted. */
  canLink: boolean
}) {
  const { connectionId, defectId } = props
  const headingId = useId()
  const linked = useQuery('records.linkedMedia', { connectionId, defectId })
  const [picking, setPicking] = useState(false)
  const [viewing, setViewing] = useState<number | null>(null)
  const linkButton = useRef<HTMLButtonElement>(null)

  // The picker closed: the focus goes back to the button that opened it.
  const wasPicking = useRef(false)
  useEffect(() => {
    if (wasPicking.current && !picking) linkButton.current?.focus()
    wasPicking.current = picking
  }, [picking])

  const reloadSoon = useCoalesced(linked.reload, RELOAD_AFTER_CHANGES_MS)
  useRpcEvent('record.changed', (event) => {
    if (event.connectionId !== connectionId) return
    if (event.kind === 'huvr.overlay' || event.kind === 'huvr.defect') reloadSoon()
  })
  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId === connectionId) reloadSoon()
  })

  const links = linked.state === 'ready' ? linked.value : []
  const strip = links.map((link) => ({ link, row: rowOf(link, props.media, connectionId) }))
  const rows = strip.map((each) => each.row)
  const photos = props.media.filter(isPhoto)

  return (
    <section className="defect-photos" aria-labelledby={headingId}>
      <div className="defect-photos-header">
        <h3 id={headingId}>
          Photos
          {linked.state === 'ready' && <span className="count"> ({links.length})</span>}
        </h3>
        {props.canLink && (
          <button
            ref={linkButton}
            type="button"
            className="button-secondary"
            aria-haspopup="dialog"
            onClick={() => setPicking(true)}
          >
            Link a photo
          </button>
        )}
      </div>
      {linked.state === 'loading' && <Loading what="linked photos" />}
      {linked.state === 'error' && (
        <ErrorNotice
          title="The photos linked to this defect could not be read."
          message={linked.error.message}
        />
      )}
      {linked.state === 'ready' && links.length === 0 && (
        <p className="muted">No photos linked to this defect.</p>
      )}
      {links.length > 0 && (
        <ul className="photo-strip" aria-label={`Photos of ${props.defectName}`}>
          {strip.map(({ link, row }, index) => (
            <li
              key={link.mediaId}
              aria-label={nameOf(row)}
              data-media-id={link.mediaId}
              data-sync-state={link.syncState}
            >
              <button
                type="button"
                className="photo-strip-item"
                aria-label={`Open ${nameOf(row)}`}
                onClick={() => setViewing(index)}
              >
                <MediaThumbnail
                  media={row}
                  projectAvailableOffline={props.projectAvailableOffline}
                  size="small"
                />
                <span className="media-name" title={link.name ?? undefined}>
                  {nameOf(row)}
                </span>
              </button>
              <SyncStateBadge state={link.syncState} />
            </li>
          ))}
        </ul>
      )}
      {viewing !== null && (
        <MediaViewer
          media={rows}
          index={viewing}
          projectAvailableOffline={props.projectAvailableOffline}
          onNavigate={setViewing}
          onClose={() => setViewing(null)}
        />
      )}
      {picking && (
        <PhotoPicker
          connectionId={connectionId}
          defectId={defectId}
          defectName={props.defectName}
          photos={photos}
          linkedIds={new Set(links.map((link) => link.mediaId))}
          projectAvailableOffline={props.projectAvailableOffline}
          onLinked={(link) => {
            linked.setValue((previous) =>
              previous.some((each) => each.mediaId === link.mediaId)
                ? previous
                : [...previous, link],
            )
            reloadSoon()
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </section>
  )
}

/**
 * The project's photos in a modal dialog; one click (or Enter) links a photo at once. Photos
 * already linked are shown but cannot be picked. The arrow keys move through the grid, Escape
 * closes (the browser's own dialog behaviour).
 */
function PhotoPicker(props: {
  connectionId: string
  defectId: string
  defectName: string
  photos: readonly MediaRow[]
  linkedIds: ReadonlySet<number>
  projectAvailableOffline: boolean
  onLinked: (link: LinkedMedia) => void
  onClose: () => void
}) {
  const { photos, linkedIds, onClose } = props
  const rpc = useRpc()
  const titleId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const gridRef = useRef<HTMLUListElement>(null)
  /** The photo being linked now: it waits for the core's answer before another is taken. */
  const [linking, setLinking] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [lastLinked, setLastLinked] = useState<string | null>(null)

  const link = async (media: MediaRow, button: HTMLButtonElement) => {
    // One at a time (a local write, over in a moment); the grid stays focusable meanwhile.
    if (linking !== null) return
    setLinking(media.id)
    setError(null)
    const result = await rpc.call('records.create', {
      connectionId: props.connectionId,
      kind: 'huvr.overlay',
      fields: { media: media.id, defect: Number(props.defectId) },
    })
    setLinking(null)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    // The photo's button is disabled now, which drops the focus: move it on to the next photo.
    const next = nextEnabled(gridRef.current, button)
    props.onLinked({
      mediaId: media.id,
      name: media.name,
      thumbnailSha256: media.thumbnailSha256,
      syncState: result.value.syncState,
      itemId: result.value.itemId,
    })
    setLastLinked(nameOf(media))
    requestAnimationFrame(() =>
      (next ?? dialogRef.current?.querySelector<HTMLButtonElement>('.picker-done'))?.focus(),
    )
  }

  return (
    <ModalDialog
      className="viewer photo-picker"
      labelledBy={titleId}
      onClose={onClose}
      dialogRef={dialogRef}
      // Start on the first photo that can be linked rather than on the Done button.
      onOpen={() =>
        gridRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()
      }
    >
      <header className="viewer-header">
        <h2 id={titleId}>Link a photo to {props.defectName}</h2>
        <button type="button" className="picker-done" onClick={onClose}>
          Done
        </button>
      </header>
      <p className="muted picker-hint">
        Pick a photo to link it; the link is saved on this computer at once and sent to HUVR with
        the next push. A link cannot be removed here.
      </p>
      <p className="visually-hidden" role="status">
        {lastLinked && `${lastLinked} linked.`}
      </p>
      {error && <ErrorNotice title="The photo was not linked." message={error} />}
      {photos.length === 0 ? (
        <p className="muted">
          {props.projectAvailableOffline
            ? 'This project has no photos to link.'
            : 'No photos cached. Turn on “Available offline” and sync to download them.'}
        </p>
      ) : (
        <ul
          ref={gridRef}
          className="media-grid picker-grid"
          aria-label="Project photos"
          onKeyDown={moveFocus}
        >
          {photos.map((media) => {
            const isLinked = linkedIds.has(media.id)
            const name = nameOf(media)
            return (
              <li key={media.id} data-linked={isLinked || undefined}>
                <button
                  type="button"
                  className="media-card"
                  disabled={isLinked}
                  aria-label={isLinked ? `${name} (linked)` : `Link ${name}`}
                  aria-busy={linking === media.id || undefined}
                  onClick={(event) => void link(media, event.currentTarget)}
                >
                  <MediaThumbnail
                    media={media}
                    projectAvailableOffline={props.projectAvailableOffline}
                    size="small"
                  />
                  <span className="media-name" title={media.name ?? undefined}>
                    {name}
                  </span>
                  <span className="media-meta">
                    {isLinked ? (
                      <span className="badge">Linked</span>
                    ) : linking === media.id ? (
                      <span>Linking…</span>
                    ) : null}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </ModalDialog>
  )
}

/** The next photo that can still be linked after `button`, else the one before it. */
function nextEnabled(grid: HTMLElement | null, button: HTMLButtonElement) {
  const buttons = Array.from(grid?.querySelectorAll('button') ?? [])
  const at = buttons.indexOf(button)
  return (
    buttons.slice(at + 1).find((each) => !linkedOnScreen(each)) ??
    buttons
      .slice(0, at)
      .reverse()
      .find((each) => !linkedOnScreen(each)) ??
    null
  )
}

function linkedOnScreen(button: HTMLButtonElement): boolean {
  return button.closest('li')?.hasAttribute('data-linked') === true
}

const STEPS: Record<string, 'left' | 'right' | 'up' | 'down' | 'first' | 'last'> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
}

/** Arrow keys move through the grid of photos (skipping those that cannot be picked). */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const step = STEPS[event.key]
  if (step === undefined) return
  const buttons = Array.from(event.currentTarget.querySelectorAll('button'))
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  if (at < 0) return
  event.preventDefault()
  const enabled = (index: number) => buttons[index] !== undefined && !buttons[index].disabled
  const firstRowTop = buttons[0]?.offsetTop
  const columns = Math.max(1, buttons.filter((each) => each.offsetTop === firstRowTop).length)
  const delta = { left: -1, right: 1, up: -columns, down: columns, first: 1, last: -1 }[step]
  let index = step === 'first' ? 0 : step === 'last' ? buttons.length - 1 : at + delta
  if (step === 'first' || step === 'last') {
    while (index >= 0 && index < buttons.length && !enabled(index)) index += delta
  } else {
    // Past a photo already linked: on in the same direction, one at a time.
    while (index >= 0 && index < buttons.length && !enabled(index)) index += Math.sign(delta)
  }
  if (enabled(index)) buttons[index]?.focus()
}
