import { afterEach, describe, expect, it } from 'vitest'
import type { RpcClient } from '../../src/shared/rpc/client'
import { callOk, rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'
import {
  makeOffline,
  projectsWithDefects,
  requestsTo,
  succeeded,
  type Ref,
} from '../support/outbox'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

const SEED = {
  assets: 40,
  seed: 11,
  defectsPerProject: 3,
  checklistsPerProject: 0,
  mediaPerProject: 0,
  cmlShare: 1,
}

/** A pair with one project (three defects or more) available offline. */
async function setUp() {
  pair = await startHuvrPair({ seed: SEED })
  const { sim, core, connectionId } = pair
  const projectId = projectsWithDefects(sim, 3)[0]
  if (projectId === undefined) throw new Error('the seed has no project with three defects')
  await makeOffline(core, connectionId, [projectId])
  const defects = sim.state.tables.defects
    .all()
    .filter((defect) => defect.project === projectId)
    .map((defect) => defect.id)
  const defect = (id: number): Ref => ({ connectionId, kind: 'huvr.defect', id: String(id) })
  return { ...pair, client: rpc(core), projectId, defects, defect }
}

async function sync(current: HuvrPair) {
  const [result] = await current.core.sync.run({ connectionId: current.connectionId })
  return result!
}

/** Just the key of a record (views carry much more; the calls take exactly the key). */
const key = ({ connectionId, kind, id }: Ref): Ref => ({ connectionId, kind, id })

async function notFound(client: RpcClient, ref: Ref): Promise<boolean> {
  const answer = await client.call('records.get', key(ref))
  return !answer.ok && answer.error.code === 'not-found'
}

describe('a server validation error on one outbox item', () => {
  it('marks that item failed with the field messages, lets the others sync, and resubmits it once fixed', async () => {
    const { sim, client, connectionId, defects, defect, projectId } = await setUp()
    const [refused, second, third] = defects as [number, number, number]
    const assetId = sim.state.tables.projects.get(projectId)!.asset
    const severityBefore = sim.state.tables.defects.get(refused)!.severity

    // 99,999 is a whole number, so it passes the local check; HUVR's severity is a smallint.
    await callOk(client, 'records.update', { ...defect(refused), changes: { severity: 99999 } })
    await callOk(client, 'records.update', {
      ...defect(second),
      changes: { description: 'Second: fine' },
    })
    await callOk(client, 'records.update', {
      ...defect(third),
      changes: { description: 'Third: fine' },
    })
    await callOk(client, 'records.update', {
      connectionId,
      kind: 'huvr.asset',
      id: String(assetId),
      changes: { description: 'Asset: fine' },
    })

    sim.clearRequestLog()
    const result = await sync(pair!)
    expect(result.error).toBeNull()
    expect(result.pushed).toMatchObject({ sent: 3, failed: 1, conflicts: 0, remaining: 0 })

    // The refused PATCH was answered 400; the others went through and the server holds them.
    const refusedPatches = requestsTo(sim, 'PATCH', `/api/defects/${refused}/`)
    expect(refusedPatches.map((entry) => [entry.status, entry.body])).toEqual([
      [400, { severity: 99999 }],
    ])
    expect(sim.state.tables.defects.get(refused)!.severity).toBe(severityBefore)
    for (const [id, description] of [
      [second, 'Second: fine'],
      [third, 'Third: fine'],
    ] as const) {
      expect(requestsTo(sim, 'PATCH', `/api/defects/${id}/`).map((e) => e.status)).toEqual([200])
      expect(sim.state.tables.defects.get(id)!.description).toBe(description)
    }
    expect(sim.state.tables.assets.get(assetId)!.description).toBe('Asset: fine')

    // The server's message is on the record's form and in the failed-items list.
    const message = 'Ensure this value is less than or equal to 32767.'
    const view = await callOk(client, 'records.get', defect(refused))
    expect(view).toMatchObject({
      syncState: 'failed',
      fieldErrors: { severity: [message] },
      pendingFields: ['severity'],
    })
    expect(view.fields['severity']).toBe(99999)
    expect(view.serverFields['severity']).toBe(severityBefore)
    expect(view.lastError).toContain(message)
    expect(view.history.map((entry) => entry.action)).toContain('failed')
    const failed = await callOk(client, 'outbox.list', { state: 'failed' })
    expect(failed).toEqual([
      expect.objectContaining({
        itemId: view.itemId,
        kind: 'huvr.defect',
        id: String(refused),
        op: 'update',
        state: 'failed',
        fields: { severity: 99999 },
        fieldErrors: { severity: [message] },
        lastError: expect.stringContaining(message) as string,
      }),
    ])
    for (const id of [second, third])
      expect((await callOk(client, 'records.get', defect(id))).syncState).toBe('synced')
    expect((await callOk(client, 'outbox.counts', {})).total).toEqual({
      pending: 0,
      failed: 1,
      conflict: 0,
    })

    // A failed item is not sent again by itself, and does not hold back later edits.
    await callOk(client, 'records.update', {
      ...defect(second),
      changes: { description: 'Second: again' },
    })
    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 1, failed: 0 })
    expect(requestsTo(sim, 'PATCH', `/api/defects/${refused}/`)).toEqual([])
    expect(requestsTo(sim, 'PATCH', `/api/defects/${second}/`).map((e) => e.body)).toEqual([
      { description: 'Second: again' },
    ])
    expect((await callOk(client, 'records.get', defect(refused))).syncState).toBe('failed')

    // Editing the refused field is the resubmission: the message goes, the item is sent again.
    const fixed = await callOk(client, 'records.update', {
      ...defect(refused),
      changes: { severity: 4 },
    })
    expect(fixed).toMatchObject({ syncState: 'pending', fieldErrors: {}, lastError: null })
    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 1, failed: 0 })
    expect(
      requestsTo(sim, 'PATCH', `/api/defects/${refused}/`).map((e) => [e.status, e.body]),
    ).toEqual([[200, { severity: 4 }]])
    expect(sim.state.tables.defects.get(refused)!.severity).toBe(4)
    expect((await callOk(client, 'records.get', defect(refused))).syncState).toBe('synced')
    expect(await callOk(client, 'outbox.list', {})).toEqual([])
  })

  it('retries a refused item on request, and discards one with an undo that restores it', async () => {
    const { sim, client, defects, defect } = await setUp()
    const [retried, discarded] = defects as [number, number]
    const blank = JSON.stringify({ description: ['This field may not be blank.'] })
    for (const id of [retried, discarded])
      sim.failNext({
        kind: 'garbled',
        method: 'PATCH',
        pathPrefix: `/api/defects/${id}/`,
        status: 400,
        contentType: 'application/json',
        body: blank,
      })
    const before = sim.state.tables.defects.get(discarded)!.description
    await callOk(client, 'records.update', { ...defect(retried), changes: { description: 'R' } })
    await callOk(client, 'records.update', { ...defect(discarded), changes: { description: 'D' } })
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 0, failed: 2 })
    const failed = await callOk(client, 'outbox.list', { state: 'failed' })
    expect(failed.map((item) => [item.id, item.fieldErrors])).toEqual([
      [String(retried), { description: ['This field may not be blank.'] }],
      [String(discarded), { description: ['This field may not be blank.'] }],
    ])
    const [retryItem, discardItem] = failed as [(typeof failed)[0], (typeof failed)[0]]

    // Retry puts just that item back in the queue, unchanged; the next push sends it.
    expect(await callOk(client, 'outbox.retry', { itemId: retryItem.itemId })).toBe(1)
    expect(await callOk(client, 'records.get', defect(retried))).toMatchObject({
      syncState: 'pending',
      fieldErrors: {},
      lastError: null,
    })
    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 1, failed: 0 })
    expect(requestsTo(sim, 'PATCH', `/api/defects/${retried}/`).map((e) => e.body)).toEqual([
      { description: 'R' },
    ])
    expect(requestsTo(sim, 'PATCH', `/api/defects/${discarded}/`)).toEqual([])
    expect(sim.state.tables.defects.get(retried)!.description).toBe('R')

    // Discard drops the edit (the server's value shows again); undo brings it back as it was.
    const { undoId } = await callOk(client, 'outbox.discard', { itemId: discardItem.itemId })
    const dropped = await callOk(client, 'records.get', defect(discarded))
    expect(dropped).toMatchObject({ syncState: 'synced', pendingFields: [] })
    expect(dropped.fields['description']).toBe(before)
    expect(dropped.history[0]?.action).toBe('discarded')
    expect(await callOk(client, 'outbox.list', {})).toEqual([])
    await callOk(client, 'outbox.undoDiscard', { undoId })
    const restored = await callOk(client, 'records.get', defect(discarded))
    expect(restored).toMatchObject({
      syncState: 'failed',
      itemId: discardItem.itemId,
      fieldErrors: { description: ['This field may not be blank.'] },
    })
    expect(restored.fields['description']).toBe('D')
    // An undo is used up.
    expect((await client.call('outbox.undoDiscard', { undoId })).ok).toBe(false)

    // Retry with no item named takes every failed one.
    expect(await callOk(client, 'outbox.retry', {})).toBe(1)
    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 1, failed: 0 })
    expect(requestsTo(sim, 'PATCH', `/api/defects/${discarded}/`).map((e) => e.body)).toEqual([
      { description: 'D' },
    ])
    expect(await callOk(client, 'outbox.list', {})).toEqual([])
  })

  it('discards a refused project created here with the defects and readings waiting on it, and undo brings them all back', async () => {
    const { sim, client, connectionId, projectId } = await setUp()
    const assetId = sim.state.tables.projects.get(projectId)!.asset
    const [type] = await callOk(client, 'huvr.lookups', { connectionId, kind: 'project-types' })
    const [profile] = await callOk(client, 'huvr.lookups', {
      connectionId,
      kind: 'defect-profiles',
    })
    const [cml] = await callOk(client, 'huvr.cmls', { connectionId, assetId })
    if (!type || !profile || !cml) throw new Error('the seed lacks a project type, profile or CML')

    // 30 February has the right shape, so only the server can refuse it.
    const project = key(
      await callOk(client, 'records.create', {
        connectionId,
        kind: 'huvr.project',
        fields: { name: 'Night shift', type: type.id, asset: assetId, start: '2024-02-30' },
      }),
    )
    const local = Number(project.id)
    const children: Ref[] = [
      await callOk(client, 'records.create', {
        connectionId,
        kind: 'huvr.defect',
        fields: { project: local, profile_id: profile.id, description: 'Waiting defect 1' },
      }),
      await callOk(client, 'records.create', {
        connectionId,
        kind: 'huvr.defect',
        fields: { project: local, profile_id: profile.id, description: 'Waiting defect 2' },
      }),
      await callOk(client, 'records.create', {
        connectionId,
        kind: 'huvr.measurement',
        fields: { project: local, cml: cml.id, value: 7.25, units: 'mm', comment: 'Waiting' },
      }),
    ].map(key)

    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ failed: 1, sent: 0, remaining: 3 })
    expect(requestsTo(sim, 'POST', '/api/projects/').map((e) => e.status)).toEqual([400])
    expect(requestsTo(sim, 'POST', '/api/defects/')).toEqual([])
    expect(requestsTo(sim, 'POST', '/api/measurements/')).toEqual([])
    const dateMessage = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'
    const [failed] = await callOk(client, 'outbox.list', { state: 'failed' })
    expect(failed).toMatchObject({
      id: project.id,
      op: 'create',
      fieldErrors: { start: [dateMessage] },
    })
    expect(await callOk(client, 'records.get', project)).toMatchObject({
      syncState: 'failed',
      fieldErrors: { start: [dateMessage] },
    })
    const waiting = (await callOk(client, 'outbox.list', { state: 'pending' })).map((item) => [
      item.id,
      item.waitingForParent,
    ])
    expect(waiting).toEqual(children.map((child) => [child.id, true]))

    // Discard takes the project and everything waiting on it, here and in the outbox.
    const { undoId } = await callOk(client, 'outbox.discard', { itemId: failed!.itemId })
    for (const ref of [project, ...children]) expect(await notFound(client, ref)).toBe(true)
    expect(await callOk(client, 'outbox.list', {})).toEqual([])
    expect(
      await callOk(client, 'records.listByProject', {
        connectionId,
        kind: 'huvr.defect',
        projectId: project.id,
      }),
    ).toEqual([])
    sim.clearRequestLog()
    await sync(pair!)
    const writes = sim.requestLog.filter((entry) => entry.method !== 'GET' && entry.authorized)
    expect(writes).toEqual([])

    // Undo: all four are back, the project still refused and its children still waiting.
    await callOk(client, 'outbox.undoDiscard', { undoId })
    expect(await callOk(client, 'records.get', project)).toMatchObject({
      syncState: 'failed',
      fieldErrors: { start: [dateMessage] },
    })
    for (const child of children)
      expect((await callOk(client, 'records.get', child)).syncState).toBe('pending')
    expect((await callOk(client, 'outbox.list', {})).map((item) => item.id)).toEqual([
      project.id,
      ...children.map((child) => child.id),
    ])

    // Fixing the date resubmits the project; its children follow with its server id.
    await callOk(client, 'records.update', { ...project, changes: { start: '2024-02-28' } })
    sim.clearRequestLog()
    expect((await sync(pair!)).pushed).toMatchObject({ sent: 4, failed: 0, remaining: 0 })
    const created = sim.state.tables.projects.all().filter((p) => p.name === 'Night shift')
    expect(created).toHaveLength(1)
    const remoteId = created[0]!.id
    expect(created[0]).toMatchObject({ asset: assetId, start: '2024-02-28' })
    expect(requestsTo(sim, 'POST', '/api/projects/').filter(succeeded)).toHaveLength(1)
    expect(
      requestsTo(sim, 'POST', '/api/defects/').map((e) => (e.body as { project: number }).project),
    ).toEqual([remoteId, remoteId])
    const defects = sim.state.tables.defects.all().filter((d) => d.project === remoteId)
    expect(defects.map((d) => d.description).sort()).toEqual([
      'Waiting defect 1',
      'Waiting defect 2',
    ])
    const readings = sim.state.tables.measurements.all().filter((m) => m.project === remoteId)
    expect(readings).toMatchObject([{ cml: cml.id, value: 7.25, units: 'mm', comment: 'Waiting' }])
    expect(await callOk(client, 'outbox.list', {})).toEqual([])
    const listed = await callOk(client, 'records.listByProject', {
      connectionId,
      kind: 'huvr.defect',
      projectId: String(remoteId),
    })
    expect(listed.map((view) => view.syncState)).toEqual(['synced', 'synced'])
  })
})
