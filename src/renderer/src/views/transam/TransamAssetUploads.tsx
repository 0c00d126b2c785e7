import { useMemo } from 'react'
import type { UploadJobRow, UploadTarget } from '../../../../shared/rpc/upload-contract'
import { TargetUploads } from '../uploads/TargetUploads'

/**
 * Documents for a TransAM asset: dropped or chosen files are added to the upload queue (a file
 * over TransAM's 4 MB limit is refused there, with its size), then this asset's uploads show
 * their progress here. Each document goes into the cached list as soon as TransAM has it, so
 * the list is asked again each time a file reaches TransAM.
 */
export function TransamAssetUploads(props: {
  connectionId: string
  assetKey: string
  /** TransAM keys of the documents in the list below (cached by a sync or an upload). */
  documentKeys: ReadonlySet<string>
  /** A file reached TransAM: the document list may have changed. */
  onUploaded: () => void
}) {
  const { connectionId, assetKey, documentKeys } = props
  const target = useMemo<UploadTarget>(
    () => ({ kind: 'transam.asset', connectionId, id: assetKey }),
    [connectionId, assetKey],
  )
  const notListedYet = (job: UploadJobRow) =>
    job.remoteId !== null && !documentKeys.has(job.remoteId)

  return (
    <TargetUploads
      target={target}
      dropZone={{
        title: 'Drop documents or folders here',
        hint: 'They are copied to this computer at once, then sent to TransAM in the background — also after a restart or with no network for a while. TransAM takes documents of 4 MB at most.',
        descriptionPlaceholder: 'e.g. Annual brake inspection 2026',
      }}
      notListedYet={notListedYet}
      onUploaded={props.onUploaded}
      whenAllUploaded={(jobs) =>
        jobs.some(notListedYet) ? (
          <span>They are being added to the document list below.</span>
        ) : (
          <span>They are in the document list below.</span>
        )
      }
    />
  )
}
