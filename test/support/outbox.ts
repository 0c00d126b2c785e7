import type { Core } from '../../src/main/core/create-core'
import type { RequestLogEntry, RunningHuvrSimulator } from '../../src/sandbox/huvr'
import type { RecordView } from '../../src/shared/rpc/outbox-contract'
import { callOk, rpc } from './core'

/**
 * Syncs, marks the given projects available offline (their defects, readings, checklists and
 * their asset's CMLs come along) and syncs again.
 */
export async function makeOffline(
  core: Core,
  connectionId: string,
  projectIds: number[],
): Promise<void> {
  const client = rpc(core)
  await core.sync.run({ connectionId })
  for (const id of projectIds)
    await callOk(client, 'projects.setAvailableOffline', { connectionId, id, available: true })
  const [result] = await core.sync.run({ connectionId })
  if (result?.error) throw new Error(`sync failed: ${result.error}`)
}

/** Projects of the simulator's seed with at least `defects` defects, in id order. */
export function projectsWithDefects(sim: RunningHuvrSimulator, defects: number): number[] {
  const perProject = new Map<number, number>()
  for (const defect of sim.state.tables.defects.all())
    if (defect.project !== null)
      perProject.set(defect.project, (perProject.get(defect.project) ?? 0) + 1)
  return sim.state.tables.projects
    .all()
    .filter((project) => (perProject.get(project.id) ?? 0) >= defects)
    .map((project) => project.id)
}

/** The requests a client made with this method to exactly this path (or under it, with a '*'). */
export function requestsTo(
  sim: RunningHuvrSimulator,
  method: string,
  path: string,
): RequestLogEntry[] {
  const under = path.endsWith('*')
  const prefix = under ? path.slice(0, -1) : path
  return sim.requestLog.filter(
    (entry) =>
      entry.method === method && (under ? entry.path.startsWith(prefix) : entry.path === path),
  )
}

/** Answered with a 2xx: the server took the write. */
export const succeeded = (entry: RequestLogEntry): boolean =>
  entry.status !== null && entry.status >= 200 && entry.status < 300

export type Ref = Pick<RecordView, 'connectionId' | 'kind' | 'id'>
