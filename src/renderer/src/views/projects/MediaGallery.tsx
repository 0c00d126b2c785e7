import { useState } from 'react'
import type { MediaRow } from '../../../../shared/rpc/huvr-contract'
import { StateBadge } from '../../components/Badges'
import { formatServerDay } from '../../format'
import { MediaThumbnail } from './MediaThumbnail'
import { MediaViewer } from './MediaViewer'

/** The project's photos and documents as a grid of thumbnails; a click opens the viewer. */
export function MediaGallery(props: { media: MediaRow[]; projectAvailableOffline: boolean }) {
  const { media, projectAvailableOffline } = props
  const [openIndex, setOpenIndex] = useState<number | null>(null)

  if (media.length === 0) {
    return (
      <p className="muted">
        {projectAvailableOffline
          ? 'No media on this project.'
          : 'No media cached. Turn on “Available offline” and sync to download the thumbnails.'}
      </p>
    )
  }
  return (
    <>
      <ul className="media-grid" aria-label="Media">
        {media.map((item, index) => (
          <li key={item.id}>
            <button
              type="button"
              className="media-card"
              onClick={() => setOpenIndex(index)}
              aria-label={`Open ${item.name ?? `media #${item.id}`}`}
            >
              <MediaThumbnail
                media={item}
                projectAvailableOffline={projectAvailableOffline}
                size="small"
              />
              <span className="media-name" title={item.name ?? undefined}>
                {item.name ?? `Media #${item.id}`}
              </span>
              <span className="media-meta">
                <StateBadge value={item.state} />
                {item.capturedOn && <span>{formatServerDay(item.capturedOn)}</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {openIndex !== null && (
        <MediaViewer
          media={media}
          index={openIndex}
          projectAvailableOffline={projectAvailableOffline}
          onNavigate={setOpenIndex}
          onClose={() => setOpenIndex(null)}
        />
      )}
    </>
  )
}
