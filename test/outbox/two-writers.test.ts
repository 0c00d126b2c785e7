import { afterEach, describe, expect, it } from 'vitest'
import type { RecordView } from '../../src/shared/rpc/outbox-contract'
import { callOk, rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

/** A project with defects, readings and a checklist, synced for offline use. */
async function offlineProject(current: HuvrPair) {
  const { sim, core, connectionId } = current
  const client = rpc(core)
  await core.sync.run({ connectionId })
  const project = sim.state.tables.projects
    .all()
    .find(
      (p) =>
        sim.state.tables.defects.all().filter((d) => d.project === p.id).length >= 2 &&
        sim.state.tables.checklists.all().some((c) => c.project === p.id),
    )
  if (!project) throw new Error('the seed has no project with defects and a checklist')
  await callOk(client, 'projects.setAvailableOffline', {
    connectionId,
    id: project.id,
    available: true,
  })
  await core.sync.run({ connectionId })
  return { client, project }
}

/** A fresh pair, a project synced for offline use, and its first defect. */
async function withOfflineDefect() {
  pair = await startHuvrPair({
    seed: { assets: 30, seed: 4, defectsPerProject: 3, checklistsPerProject: 1 },
  })
  const { sim, connectionId } = pair
  const { client, project } = await offlineProject(pair)
  const defect = sim.state.tables.defects.all().find((d) => d.project === project.id)!
  const ref = { connectionId, kind: 'huvr.defect' as const, id: String(defect.id) }
  return { current: pair, sim, connectionId, client, project, defect, ref }
}

const patchBodies = (current: HuvrPair, prefix: string) =>
  current.sim.requestLog
    .filter((entry) => entry.method === 'PATCH' && entry.path.startsWith(prefix))
    .map((entry) => entry.body)

describe('two writers: offline edits here, edits on the server', () => {
  it('merges different fields, holds the same field as a conflict, and pushes exactly the chosen value', async () => {
    pair = await startHuvrPair({
      seed: { assets: 30, seed: 4, defectsPerProject: 3, checklistsPerProject: 1 },
    })
    const { sim, connectionId } = pair
    const { client, project } = await offlineProject(pair)
    const [first, second] = sim.state.tables.defects.all().filter((d) => d.project === project.id)
    const ref = (id: number) => ({ connectionId, kind: 'huvr.defect' as const, id: String(id) })

    // Here: description and severity of the first defect, the description of the second.
    await callOk(client, 'records.update', {
      ...ref(first!.id),
      changes: { description: 'Pitting at weld 3, photographed', severity: 4 },
    })
    await callOk(client, 'records.update', { ...ref(second!.id), changes: { description: 'Mine' } })
    const baseDescription = first!.description
    // On the server meanwhile: the same description field (differently) and another field.
    sim.state.edit('defects', first!.id, { description: 'Server wording', state: 'MONITOR' })
    sim.state.edit('defects', second!.id, { description: 'Theirs' })

    sim.clearRequestLog()
    const [result] = await pair.core.sync.run({ connectionId })
    expect(result?.error).toBeNull()
    expect(result?.pushed).toMatchObject({ conflicts: 2, failed: 0 })

    // Only the field changed here alone went out, alone.
    expect(patchBodies(pair, `/api/defects/${first!.id}/`)).toEqual([{ severity: 4 }])
    expect(patchBodies(pair, `/api/defects/${second!.id}/`)).toEqual([])
    expect(sim.state.tables.defects.get(first!.id)).toMatchObject({
      severity: 4,
      state: 'MONITOR',
      description: 'Server wording',
    })

    const view: RecordView = await callOk(client, 'records.get', ref(first!.id))
    expect(view.syncState).toBe('conflict')
    expect(view.fields).toMatchObject({ state: 'MONITOR', severity: 4 })
    expect(view.conflicts).toEqual([
      {
        field: 'description',
        base: baseDescription,
        mine: 'Pitting at weld 3, photographed',
        theirs: 'Server wording',
      },
    ])

    // Keep mine on the first, a merged value on the second: exactly those go out.
    await callOk(client, 'outbox.resolve', {
      itemId: view.itemId!,
      field: 'description',
      choice: 'mine',
    })
    const secondView = await callOk(client, 'records.get', ref(second!.id))
    await callOk(client, 'outbox.resolve', {
      itemId: secondView.itemId!,
      field: 'description',
      choice: 'merged',
      value: 'Mine and theirs',
    })
    sim.clearRequestLog()
    await pair.core.sync.run({ connectionId })
    expect(patchBodies(pair, `/api/defects/${first!.id}/`)).toEqual([
      { description: 'Pitting at weld 3, photographed' },
    ])
    expect(patchBodies(pair, `/api/defects/${second!.id}/`)).toEqual([
      { description: 'Mine and theirs' },
    ])
    expect(sim.state.tables.defects.get(second!.id)?.description).toBe('Mine and theirs')
    const settled = await callOk(client, 'records.get', ref(first!.id))
    expect(settled.syncState).toBe('synced')
    expect(settled.history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['edited', 'sent', 'conflict', 'resolved']),
    )
  })

  it('takes the server value on "theirs" and sends nothing for that field', async () => {
    const { current, sim, connectionId, client, defect, ref } = await withOfflineDefect()
    await callOk(client, 'records.update', { ...ref, changes: { component: 'Nozzle N2' } })
    sim.state.edit('defects', defect.id, { component: 'Shell course 1' })
    await current.core.sync.run({ connectionId })
    const view = await callOk(client, 'records.get', ref)
    await callOk(client, 'outbox.resolve', {
      itemId: view.itemId!,
      field: 'component',
      choice: 'theirs',
    })
    sim.clearRequestLog()
    await current.core.sync.run({ connectionId })
    expect(patchBodies(current, '/api/defects/')).toEqual([])
    expect((await callOk(client, 'records.get', ref)).fields['component']).toBe('Shell course 1')
  })

  it('shows a record deleted on the server while edited as a conflict, and recreates it on request', async () => {
    const { current, sim, connectionId, client, project, defect, ref } = await withOfflineDefect()
    await callOk(client, 'records.update', { ...ref, changes: { description: 'Still here' } })
    sim.state.remove('defects', defect.id)
    await current.core.sync.run({ connectionId })
    const view = await callOk(client, 'records.get', ref)
    expect(view).toMatchObject({ syncState: 'conflict', deletedOnServer: true })

    await callOk(client, 'outbox.resolve', { itemId: view.itemId!, choice: 'recreate' })
    const before = sim.state.tables.defects.all().length
    await current.core.sync.run({ connectionId })
    const created = sim.state.tables.defects.all()
    expect(created.length).toBe(before + 1)
    expect(created.at(-1)).toMatchObject({ description: 'Still here', project: project.id })
  })
})
