import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { OfflineSwitch } from '../../components/OfflineSwitch'
import { useRpc } from '../../rpc/hooks'

const TEXTS = {
  whenOn:
    'Each sync keeps this project’s media thumbnails, checklists, defects and measurements on this computer, so you can open them with no network.',
  whenOff:
    'Turn on to have the next sync download this project’s media thumbnails, checklists, defects and measurements to this computer.',
  syncing: 'the media appear below when it is done.',
  synced: 'Synced. The project is available offline.',
}

/** Marks a project for offline use: its next sync downloads media thumbnails and findings. */
export function AvailableOfflineSwitch(props: { project: ProjectRow; onChanged: () => void }) {
  const { project, onChanged } = props
  const rpc = useRpc()
  return (
    <OfflineSwitch
      connectionId={project.connectionId}
      available={project.availableOffline}
      save={(available) =>
        rpc.call('projects.setAvailableOffline', {
          connectionId: project.connectionId,
          id: project.id,
          available,
        })
      }
      onChanged={onChanged}
      texts={TEXTS}
    />
  )
}
