import { useMemo } from 'react'
import type { UploadTarget } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { useSyncRun } from '../../hooks/useSyncRun'
import { useRpc } from '../../rpc/hooks'
import { TargetUploads } from '../uploads/TargetUploads'

/**
 * Photos for a project: dropped or chosen files and folders are added to the upload queue (each
 * file says whether it was), then this project's uploads show their progress here. Once they are
 * all in HUVR, a sync brings them into the gallery below (turning on "Available offline" first
 * if it is off, since only such projects keep their media on this computer).
 */
export function ProjectUploads(props: {
  connectionId: string
  projectId: number
  availableOffline: boolean
  /** HUVR ids of the media in the project's gallery (cached by the last sync). */
  galleryIds: ReadonlySet<string>
  onProjectChanged: () => void
}) {
  const { connectionId, projectId, availableOffline, galleryIds, onProjectChanged } = props
  const rpc = useRpc()
  const target = useMemo<UploadTarget>(
    () => ({ kind: 'huvr.project', connectionId, id: String(projectId) }),
    [connectionId, projectId],
  )
  const sync = useSyncRun(connectionId)

  const makeAvailableOffline = async () => {
    if (availableOffline) return null
    const marked = await rpc.call('projects.setAvailableOffline', {
      connectionId,
      id: projectId,
      available: true,
    })
    if (!marked.ok) {
      return { title: 'The project was not made available offline.', message: marked.error.message }
    }
    onProjectChanged()
    return null
  }

  return (
    <TargetUploads
      target={target}
      dropZone={{
        title: 'Drop photos or folders here',
        hint: 'They are copied to this computer at once (the card can go), then sent to HUVR in the background — also after a restart or with no network for a while.',
        descriptionPlaceholder: 'e.g. North shell, course 3',
      }}
      // Only a project available offline keeps its media here, so only its gallery can catch up.
      notListedYet={(job) =>
        availableOffline && job.remoteId !== null && !galleryIds.has(job.remoteId)
      }
      whenAllUploaded={() =>
        sync.state === 'done' ? (
          <span>Synced: they are in the gallery below.</span>
        ) : sync.state === 'idle' ? (
          <>
            <span>
              {availableOffline
                ? 'They appear in the gallery below after the next sync.'
                : 'To see them in the gallery below, the project has to be available offline and synced.'}
            </span>
            <button type="button" onClick={() => void sync.start(makeAvailableOffline)}>
              {availableOffline ? 'Sync now' : 'Make available offline and sync'}
            </button>
          </>
        ) : (
          <span>Syncing…</span>
        )
      }
    >
      {sync.problem && <ErrorNotice title={sync.problem.title} message={sync.problem.message} />}
    </TargetUploads>
  )
}
