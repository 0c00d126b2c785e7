import { useState } from 'react'
import type { MediaRow } from '../../../../shared/rpc/huvr-contract'
import { fileUrl } from '../../files'

/** Why a media item has no picture on this computer, in the user's terms. */
export function missingThumbnailReason(media: MediaRow, projectAvailableOffline: boolean): string {
  if (!projectAvailableOffline) return 'Not available offline yet — sync to download'
  switch (media.state?.toUpperCase()) {
    case 'CREATED':
      return 'Not uploaded to HUVR yet, so there is no thumbnail'
    case 'UPLOADED':
    case 'PROCESSING':
      return 'HUVR has not finished processing this file, so there is no thumbnail yet'
    case 'NOT_FOUND':
      return 'HUVR cannot find this file'
    default:
      return isPicture(media)
        ? 'Not downloaded yet — sync to download'
        : 'HUVR has no thumbnail for this file'
  }
}

function isPicture(media: MediaRow): boolean {
  return media.mediaType === null || /^(image|video)\//.test(media.mediaType)
}

/** "PDF", "PNG": what kind of file, for a placeholder that has no picture to show. */
function fileKind(media: MediaRow): string | null {
  const subtype = media.mediaType?.split('/')[1]
  return subtype ? (subtype.split(/[.+;-]/)[0]?.toUpperCase() ?? null) : null
}

/**
 * The locally stored thumbnail of a media item, or a placeholder that says why there is none.
 * An image that fails to load (file gone from the store) gets a placeholder too.
 */
export function MediaThumbnail(props: {
  media: MediaRow
  projectAvailableOffline: boolean
  size: 'small' | 'large'
}) {
  const { media } = props
  const [failedSha, setFailedSha] = useState<string | null>(null)
  const sha = media.thumbnailSha256
  const label = media.name ?? `Media #${media.id}`

  if (sha && sha !== failedSha) {
    return (
      <img
        className={`thumbnail thumbnail-${props.size}`}
        src={fileUrl(sha)}
        alt={label}
        loading={props.size === 'small' ? 'lazy' : 'eager'}
        decoding="async"
        onError={() => setFailedSha(sha)}
      />
    )
  }
  const kind = fileKind(media)
  const reason = sha
    ? 'The thumbnail file is missing from this computer — sync to download it again'
    : missingThumbnailReason(media, props.projectAvailableOffline)
  return (
    <div
      className={`thumbnail thumbnail-${props.size} thumbnail-missing`}
      role="img"
      aria-label={`${label}: ${reason}`}
    >
      <span aria-hidden="true">
        {kind && <strong className="file-kind">{kind}</strong>}
        {reason}
      </span>
    </div>
  )
}
