import { afterEach, describe, expect, it } from 'vitest'
import { createManualClock } from '../../src/sandbox/huvr'
import { callOk, rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'
import { makeOffline, projectsWithDefects, requestsTo, succeeded } from '../support/outbox'
import { tempDir } from '../support/temp'

const HOUR = 3_600_000
const MINUTE = 60_000

let running: HuvrPair | null = null
afterEach(async () => {
  await running?.stop()
  running = null
})

/**
 * The simulator on its own manual clock, and a core whose clock is the simulator's plus `skew`
 * hours, a skew the test moves (backwards too) between edits, as a laptop clock corrected by
 * hand or by NTP would move.
 */
async function skewedPair(initialSkewHours: number) {
  const serverClock = createManualClock(Date.UTC(2025, 5, 2, 12, 0, 0))
  let skew = initialSkewHours * HOUR
  const pair = await startHuvrPair(
    {
      seed: {
        assets: 40,
        seed: 5,
        defectsPerProject: 3,
        checklistsPerProject: 0,
        mediaPerProject: 0,
      },
      clock: serverClock.now,
    },
    tempDir(),
    { now: () => serverClock.now() + skew },
  )
  running = pair
  const { sim, core, connectionId } = pair
  return {
    sim,
    core,
    connectionId,
    client: rpc(core),
    /** Moves the core's clock (only the core's) by this many hours. */
    moveCoreClock(hours: number) {
      skew += hours * HOUR
    },
    /** Lets time pass on the server, so its next changes carry a later updated_on. */
    serverMinutePasses() {
      serverClock.advance(MINUTE)
    },
  }
}

describe.each([
  ['hours ahead of', 5],
  ['hours behind', -5],
])('with the laptop clock %s the server', (_label, skewHours) => {
  it('orders each record’s items by the outbox counter, coalesces edits, and merges by value, not time', async () => {
    const { sim, core, connectionId, client, moveCoreClock, serverMinutePasses } =
      await skewedPair(skewHours)
    const projectId = projectsWithDefects(sim, 3)[0]!
    await makeOffline(core, connectionId, [projectId])
    const [a, b, c] = sim.state.tables.defects
      .all()
      .filter((defect) => defect.project === projectId)
      .map((defect) => defect.id) as [number, number, number]
    const defect = (id: number | string) => ({
      connectionId,
      kind: 'huvr.defect' as const,
      id: String(id),
    })
    const original = (id: number) => sim.state.tables.defects.get(id)!
    const bBase = original(b).description
    const profile = sim.state.tables.defects.get(a)!.profile

    // Two defects created here whose POSTs reach the server but whose answers are lost: their
    // outcome is unknown, so they stay in flight and anything queued behind them must wait.
    const created = []
    for (const description of ['Created, then edited', 'Created, then deleted'])
      created.push(
        await callOk(client, 'records.create', {
          connectionId,
          kind: 'huvr.defect',
          fields: { project: projectId, profile_id: profile, description },
        }),
      )
    const [edited, deleted] = created as [(typeof created)[0], (typeof created)[0]]
    sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix: '/api/defects/', times: 2 })
    const [lost] = await core.sync.run({ connectionId })
    expect(lost?.error).not.toBeNull()
    expect(requestsTo(sim, 'POST', '/api/defects/').map((e) => e.fault)).toEqual([
      'lost-response',
      'lost-response',
    ])
    expect(
      (await callOk(client, 'outbox.list', {})).map((item) => [item.id, item.op, item.state]),
    ).toEqual([
      [edited.id, 'create', 'in-flight'],
      [deleted.id, 'create', 'in-flight'],
    ])

    // Every later edit is made at an earlier wall-clock time than the one before it.
    moveCoreClock(-1)
    await callOk(client, 'records.update', {
      ...defect(edited.id),
      changes: { description: 'Edited after the lost answer' },
    })
    moveCoreClock(-1)
    await callOk(client, 'records.delete', defect(deleted.id))
    moveCoreClock(-1)
    await callOk(client, 'records.update', { ...defect(a), changes: { description: 'A first' } })
    moveCoreClock(-1)
    await callOk(client, 'records.update', { ...defect(b), changes: { description: 'B mine' } })
    moveCoreClock(-1)
    await callOk(client, 'records.update', {
      ...defect(a),
      changes: { description: 'A last', severity: 3 },
    })

    // The queue is in edit order (the counter), and A's two edits are one item.
    const queued = await callOk(client, 'outbox.list', {})
    expect(queued.map((item) => [item.id, item.op, item.fields])).toEqual([
      [edited.id, 'create', expect.any(Object)],
      [deleted.id, 'create', expect.any(Object)],
      [edited.id, 'update', { description: 'Edited after the lost answer' }],
      [deleted.id, 'delete', {}],
      [String(a), 'update', { description: 'A last', severity: 3 }],
      [String(b), 'update', { description: 'B mine' }],
    ])
    expect(queued.map((item) => item.itemId)).toEqual(
      [...queued.map((item) => item.itemId)].sort((x, y) => x - y),
    )
    // A's history lists the later edit first although its wall-clock time is the earlier one.
    const history = (await callOk(client, 'records.get', defect(a))).history
    expect(history.map((entry) => [entry.action, entry.fields])).toEqual([
      ['edited', { description: 'A last', severity: 3 }],
      ['edited', { description: 'A first' }],
    ])
    expect(history[0]!.at).toBeLessThan(history[1]!.at)

    // Meanwhile on the server, by its own clock: a field of A not edited here (merged), the
    // field of B edited here (a conflict), and an asset's name (for the pull after the push).
    serverMinutePasses()
    sim.state.edit('defects', a, { component: 'Server: shell course 2' })
    sim.state.edit('defects', b, { description: 'B theirs' })
    const assetId = sim.state.tables.projects.get(projectId)!.asset
    sim.state.edit('assets', assetId, { name: 'Renamed on the server' })

    sim.clearRequestLog()
    const [result] = await core.sync.run({ connectionId })
    expect(result?.error).toBeNull()
    expect(result?.pushed).toMatchObject({ conflicts: 1, failed: 0, remaining: 0 })

    // The lost creates were found on the server, never sent again; what queued behind each
    // went to its server id, after it: nothing was addressed to a local (negative) id.
    expect(requestsTo(sim, 'POST', '/api/defects/')).toEqual([])
    const onServer = (description: string) =>
      sim.state.tables.defects
        .all()
        .filter((d) => d.project === projectId && d.description === description)
    const [editedOnServer] = onServer('Edited after the lost answer')
    expect(editedOnServer).toBeDefined()
    expect(onServer('Created, then edited')).toEqual([])
    expect(onServer('Created, then deleted')).toEqual([])
    expect(sim.requestLog.filter((entry) => entry.path.startsWith('/api/defects/-'))).toEqual([])
    expect(
      requestsTo(sim, 'PATCH', `/api/defects/${editedOnServer!.id}/`).map((e) => e.body),
    ).toEqual([{ description: 'Edited after the lost answer' }])
    const deletes = requestsTo(sim, 'DELETE', '/api/defects/*').filter(succeeded)
    expect(deletes).toHaveLength(1)
    expect(sim.state.tables.defects.get(Number(deletes[0]!.path.split('/')[3]))).toBeUndefined()

    // A: one PATCH with its last values only, and the server's change kept.
    expect(requestsTo(sim, 'PATCH', `/api/defects/${a}/`).map((e) => e.body)).toEqual([
      { description: 'A last', severity: 3 },
    ])
    expect(original(a)).toMatchObject({
      description: 'A last',
      severity: 3,
      component: 'Server: shell course 2',
    })
    const aView = await callOk(client, 'records.get', defect(a))
    expect(aView.syncState).toBe('synced')
    expect(aView.fields).toMatchObject({
      description: 'A last',
      component: 'Server: shell course 2',
    })

    // B: changed on the server after its base, so held back with both values, nothing sent.
    expect(requestsTo(sim, 'PATCH', `/api/defects/${b}/`)).toEqual([])
    expect(original(b).description).toBe('B theirs')
    expect(await callOk(client, 'records.get', defect(b))).toMatchObject({
      syncState: 'conflict',
      conflicts: [{ field: 'description', base: bBase, mine: 'B mine', theirs: 'B theirs' }],
    })

    // C was not touched here and its server copy did not change: nothing at all for it.
    expect(sim.requestLog.filter((entry) => entry.path === `/api/defects/${c}/`)).toEqual([])

    // The pull after the push asked for changes by the server's time, so it saw the rename.
    const asset = await callOk(client, 'records.get', {
      connectionId,
      kind: 'huvr.asset',
      id: String(assetId),
    })
    expect(asset.fields['name']).toBe('Renamed on the server')
    expect((await callOk(client, 'outbox.list', {})).map((item) => [item.id, item.state])).toEqual([
      [String(b), 'conflict'],
    ])
  })
})

describe('a retry waiting when the laptop clock is set back', () => {
  it('is not stranded until the wall clock catches up again', async () => {
    const { sim, core, connectionId, client, moveCoreClock } = await skewedPair(3)
    const projectId = projectsWithDefects(sim, 1)[0]!
    await makeOffline(core, connectionId, [projectId])
    const id = sim.state.tables.defects.all().find((d) => d.project === projectId)!.id
    const ref = { connectionId, kind: 'huvr.defect' as const, id: String(id) }
    await callOk(client, 'records.update', { ...ref, changes: { description: 'Retried' } })

    // The server fails every attempt the client makes (12 here): the item waits for a retry.
    sim.failNext({
      kind: 'server-error',
      method: 'GET',
      pathPrefix: `/api/defects/${id}/`,
      times: 12,
    })
    const [failing] = await core.sync.run({ connectionId })
    expect(failing?.pushed).toMatchObject({ sent: 0, remaining: 1 })
    const [waiting] = await callOk(client, 'outbox.list', {})
    expect(waiting).toMatchObject({ state: 'pending', lastError: expect.any(String) as string })
    expect(waiting!.nextAttemptAt).toBeGreaterThan(core.clock.now())

    // Until its time comes, a sync leaves it alone (the server is not asked about it).
    sim.clearRequestLog()
    await core.sync.run({ connectionId })
    expect(sim.requestLog.filter((entry) => entry.path === `/api/defects/${id}/`)).toEqual([])

    // The clock is set back three hours: the retry time is now hours away, further than any
    // backoff could have put it, so it is due rather than stranded.
    moveCoreClock(-3)
    sim.clearRequestLog()
    const [resumed] = await core.sync.run({ connectionId })
    expect(resumed?.pushed).toMatchObject({ sent: 1, remaining: 0 })
    expect(requestsTo(sim, 'PATCH', `/api/defects/${id}/`).map((e) => e.body)).toEqual([
      { description: 'Retried' },
    ])
    expect(sim.state.tables.defects.get(id)!.description).toBe('Retried')
  })
})
