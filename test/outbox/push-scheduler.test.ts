import { afterEach, describe, expect, it, vi } from 'vitest'
import { listConnections } from '../../src/main/connections/store'
import { createSilentLogger } from '../../src/main/log/logger'
import { PushScheduler } from '../../src/main/outbox/push-scheduler'
import type { EventPayload } from '../../src/shared/rpc/contract'
import { callOk, rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
let scheduler: PushScheduler | null = null
afterEach(async () => {
  scheduler?.stop()
  await pair?.stop()
  pair = scheduler = null
})

describe('the push scheduler', () => {
  it('measures that the server is unreachable, waits, and sends by itself once it answers again', async () => {
    pair = await startHuvrPair({ seed: { assets: 10 } })
    const { sim, core, connectionId } = pair
    const client = rpc(core)
    await core.sync.run({ connectionId })
    const asset = sim.state.tables.assets.all()[0]!
    const seen: EventPayload<'connectivity.changed'>[] = []
    core.events.subscribe((event, payload) => {
      if (event === 'connectivity.changed')
        seen.push(payload as EventPayload<'connectivity.changed'>)
    })
    let workOffline = false
    scheduler = new PushScheduler({
      clock: core.clock,
      log: createSilentLogger(),
      events: core.events,
      workOffline: () => workOffline,
      connections: () => listConnections(core.db!),
      waiting: (id) =>
        core
          .db!.prepare(
            `SELECT count(*) AS count, min(next_attempt_at) AS nextAttemptAt FROM outbox WHERE connection_id = ? AND state IN ('pending', 'in-flight')`,
          )
          .get(id) as { count: number; nextAttemptAt: number | null },
      push: (id) => core.sync.push(id),
      timing: {
        editDebounceMs: 20,
        onlineCheckMs: 200,
        offlineFirstRetryMs: 50,
        offlineMaxRetryMs: 200,
      },
    })

    // The server drops every API request: it is unreachable, whatever the OS says.
    sim.configure({ faults: { resetBeforeRate: 1 } })
    await callOk(client, 'records.update', {
      connectionId,
      kind: 'huvr.asset',
      id: String(asset.id),
      changes: { description: 'Edited with no network' },
    })
    scheduler.start()
    await vi.waitFor(() => expect(scheduler!.status().connections[0]?.reachable).toBe(false), {
      timeout: 5_000,
    })
    expect((await callOk(client, 'outbox.counts', {})).total.pending).toBe(1)

    // Work offline stops even the checks; turning it off and the server answering sends the edit.
    workOffline = true
    scheduler.replan()
    expect(scheduler.status().connections[0]?.nextCheckAt).toBeNull()
    sim.configure({ faults: { resetBeforeRate: 0 } })
    workOffline = false
    scheduler.replan()
    await vi.waitFor(
      () =>
        expect(sim.state.tables.assets.get(asset.id)?.description).toBe('Edited with no network'),
      { timeout: 5_000 },
    )
    await vi.waitFor(async () =>
      expect((await callOk(client, 'outbox.counts', {})).total.pending).toBe(0),
    )
    expect(seen.map((s) => s.connections[0]?.reachable)).toEqual(
      expect.arrayContaining([false, true]),
    )
  })
})
