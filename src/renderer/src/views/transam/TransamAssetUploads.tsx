import { useMemo } from 'react'
import type { UploadJobRow, UploadTarget } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatCount } from '../../format'
import { useSyncRun } from '../../hooks/useSyncRun'
import { TargetUploads } from '../uploads/TargetUploads'

/**
 * Documents for a TransAM asset: dropped or chosen files are added to the upload queue (a file
 * over TransAM's 4 MB limit is refused there, with its size), then this asset's uploads show
 * their progress here. The document list is asked again each time a file reaches TransAM; what
 * it does not show yet comes with a sync.
 */
export function TransamAssetUploads(props: {
  connectionId: string
  assetKey: string
  /** TransAM keys of the documents in the list below (cached by the last sync). */
  documentKeys: ReadonlySet<string>
  /** A file reached TransAM: the document list may have changed. */
  onUploaded: () => void
}) {
  const { connectionId, assetKey, documentKeys } = props
  const target = useMemo<UploadTarget>(
    () => ({ kind: 'transam.asset', connectionId, id: assetKey }),
    [connectionId, assetKey],
  )
  const sync = useSyncRun(connectionId)
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
      whenAllUploaded={(jobs) => {
        const unlisted = jobs.filter(notListedYet).length
        if (unlisted === 0) return <span>They are in the document list below.</span>
        if (sync.state === 'starting' || sync.state === 'running') return <span>Syncing…</span>
        return (
          <>
            <span>
              {unlisted === jobs.length
                ? 'They appear in the document list below after the next sync.'
                : `${unlisted === 1 ? 'One of them appears' : `${formatCount(unlisted)} of them appear`} in the document list below after the next sync.`}
            </span>
            <button type="button" onClick={() => void sync.start()}>
              Sync now
            </button>
          </>
        )
      }}
    >
      {sync.problem && <ErrorNotice title={sync.problem.title} message={sync.problem.message} />}
    </TargetUploads>
  )
}
