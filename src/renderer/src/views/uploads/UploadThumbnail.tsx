import { useState } from 'react'
import type { UploadJobRow } from '../../../../shared/rpc/upload-contract'
import { fileUrl } from '../../files'

/** "HEIC", "PDF", "JPEG": what kind of file, for a placeholder that has no picture to show. */
export function fileKind(job: Pick<UploadJobRow, 'mediaType' | 'filename'>): string {
  const subtype = job.mediaType?.split('/')[1]?.split(/[.+;-]/)[0]
  if (subtype && subtype !== 'octet') return subtype.toUpperCase()
  const extension = job.filename.includes('.') ? job.filename.split('.').at(-1) : null
  return extension ? extension.toUpperCase().slice(0, 5) : 'FILE'
}

/**
 * The small upright preview made when the file was added, or a file icon naming its kind; why
 * there is no preview is said next to it (placeholderReason), so it is not repeated here.
 */
export function UploadThumbnail({ job }: { job: UploadJobRow }) {
  const [failedSha, setFailedSha] = useState<string | null>(null)
  const sha = job.thumbnailSha256
  if (sha && sha !== failedSha) {
    return (
      <img
        className="upload-thumb"
        src={fileUrl(sha)}
        alt=""
        loading="lazy"
        decoding="async"
        onError={() => setFailedSha(sha)}
      />
    )
  }
  return (
    <div className="upload-thumb upload-thumb-missing" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
        <path
          d="M6 2h8l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z M14 2v5h5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </svg>
      <span>{fileKind(job)}</span>
    </div>
  )
}
