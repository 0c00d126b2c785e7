import { useState } from 'react'
import { useRpc } from '../rpc/hooks'
import { useRpcEvent } from './useRpcEvent'

export type SyncRunState = 'idle' | 'starting' | 'running' | 'done'

export interface SyncRunProblem {
  title: string
  message: string
}

/**
 * A sync of one account asked for from a page ("Sync now"): 'starting' until the core answers,
 * 'running' until it says the sync finished, then 'done' — or 'idle' again, with the problem,
 * when it did not start or failed. `prepare` runs first (making a project available offline,
 * say); a problem it returns is shown and stops the sync.
 */
export function useSyncRun(connectionId: string): {
  state: SyncRunState
  problem: SyncRunProblem | null
  start: (prepare?: () => Promise<SyncRunProblem | null>) => Promise<void>
} {
  const rpc = useRpc()
  const [state, setState] = useState<SyncRunState>('idle')
  const [problem, setProblem] = useState<SyncRunProblem | null>(null)

  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId !== connectionId || state !== 'running') return
    if (result.ok) setState('done')
    else {
      setState('idle')
      setProblem({
        title: 'The sync failed.',
        message: result.error ?? 'See the Sync view for what went wrong.',
      })
    }
  })

  const start = async (prepare?: () => Promise<SyncRunProblem | null>) => {
    setState('starting')
    setProblem(null)
    const prepared = prepare === undefined ? null : await prepare()
    if (prepared !== null) {
      setState('idle')
      setProblem(prepared)
      return
    }
    const started = await rpc.call('sync.run', { connectionId })
    if (!started.ok) {
      setState('idle')
      setProblem({ title: 'The sync did not start.', message: started.error.message })
      return
    }
    setState('running')
  }

  return { state, problem, start }
}
