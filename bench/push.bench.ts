// Push of 10,000 queued updates (one asset description each) to the HUVR simulator on loopback,
// beside the simulator's raw rate for the same requests in the same run: each update is a GET
// of the server's copy and a PATCH of the changed field, so the baseline is as many GET+PATCH
// pairs sent by a plain undici client at the push's concurrency. Then the core's part of
// edit-to-visible: records.update → record.changed → records.get showing the value.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import pMap from 'p-map'
import { Agent, request } from 'undici'
import type { Core } from '../src/main/core/create-core'
import type { RecordView } from '../src/shared/rpc/outbox-contract'
import { benchCoreWithHuvr, startHuvrServer, type HuvrEndpoint } from './bench-setup'
import { percentile, type BenchReport } from './report'

const UPDATES = Number(process.env.BENCH_PUSH_UPDATES ?? 10_000)
const LATENCY_EDITS = 300
/** The push's records in flight at once (the sync service's default). */
const CONCURRENCY = 4

async function control(sim: HuvrEndpoint, method: string, path: string, body?: unknown) {
  const response = await request(`${sim.baseUrl}/_simulator/${path}`, {
    method: method as 'GET',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  })
  const text = await response.body.text()
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode}`)
  return text === '' ? null : (JSON.parse(text) as unknown)
}

async function call<T>(core: Core, method: string, params: unknown): Promise<T> {
  const answer = await core.dispatcher.dispatch(method, params)
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`)
  return answer.value as T
}

/** The baseline: GET then PATCH of each record, `concurrency` records at once, plain undici. */
async function rawPairs(
  sim: HuvrEndpoint,
  ids: number[],
  field: string,
  value: (id: number) => string,
) {
  const agent = new Agent()
  const token = await request(`${sim.baseUrl}/api/auth/obtain-access-token/`, {
    method: 'POST',
    body: JSON.stringify(sim.credentials),
    headers: { 'content-type': 'application/json' },
    dispatcher: agent,
  })
  const { access_token: accessToken } = (await token.body.json()) as { access_token: string }
  const headers = { authorization: `Token ${accessToken}`, accept: 'application/json' }
  const started = performance.now()
  await pMap(
    ids,
    async (id) => {
      const url = `${sim.baseUrl}/api/assets/${id}/`
      const got = await request(url, { headers, dispatcher: agent })
      await got.body.json()
      const patched = await request(url, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ [field]: value(id) }),
        dispatcher: agent,
      })
      await patched.body.json()
      if (got.statusCode !== 200 || patched.statusCode !== 200)
        throw new Error(`raw GET/PATCH of asset ${id}: ${got.statusCode}/${patched.statusCode}`)
    },
    { concurrency: CONCURRENCY },
  )
  const seconds = (performance.now() - started) / 1000
  await agent.close()
  return seconds
}

/**
 * Edits one record at a time and times, from the records.update call, the record.changed event
 * and a records.get (made on that event, as a window would) that shows the new value.
 */
async function editToVisible(
  core: Core,
  refs: { connectionId: string; kind: 'huvr.asset' | 'huvr.project'; id: string }[],
  label: string,
) {
  const toEvent: number[] = []
  const toVisible: number[] = []
  for (const [i, ref] of refs.entries()) {
    const value = `${label} ${i}`
    const started = performance.now()
    const visible = new Promise<void>((resolve, reject) => {
      const unsubscribe = core.events.subscribe((event, payload) => {
        if (event !== 'record.changed' || (payload as { id: string }).id !== ref.id) return
        toEvent.push(performance.now() - started)
        unsubscribe()
        call<RecordView>(core, 'records.get', ref).then((view) => {
          if (view.fields['description'] !== value)
            reject(new Error(`records.get of ${ref.id} does not show the edit`))
          toVisible.push(performance.now() - started)
          resolve()
        }, reject)
      })
    })
    await call(core, 'records.update', { ...ref, changes: { description: value } })
    await visible
  }
  return { toEvent, toVisible }
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-push-bench-'))
  const sim = await startHuvrServer(UPDATES)
  try {
    await control(sim, 'PATCH', 'config', { settings: { requestLogLimit: 4 * UPDATES } })
    const { core, db, connectionId } = await benchCoreWithHuvr(join(dir, 'data'), sim)
    const [synced] = await core.sync.run({ full: true })
    if (!synced?.ok) throw new Error(`sync failed: ${JSON.stringify(synced)}`)
    const ids = db
      .prepare('SELECT remote_id FROM huvr_assets WHERE connection_id = ? ORDER BY remote_id')
      .pluck()
      .all(connectionId) as number[]
    if (ids.length < UPDATES) throw new Error(`only ${ids.length} assets cached`)
    const assets = ids.slice(0, UPDATES)
    const projects = (
      db
        .prepare(
          'SELECT remote_id FROM huvr_projects WHERE connection_id = ? ORDER BY remote_id LIMIT ?',
        )
        .pluck()
        .all(connectionId, LATENCY_EDITS) as number[]
    ).map((id) => ({ connectionId, kind: 'huvr.project' as const, id: String(id) }))

    // Warm the simulator's GET and PATCH paths (another field, so no conflict with the push).
    await rawPairs(sim, assets.slice(0, 500), 'model', (id) => `Warm-up ${id}`)

    // Queue the updates as an inspector's edits would be (one call each).
    let started = performance.now()
    for (const id of assets)
      await call(core, 'records.update', {
        connectionId,
        kind: 'huvr.asset',
        id: String(id),
        changes: { description: `Pushed ${id}` },
      })
    const queuePerSecond = assets.length / ((performance.now() - started) / 1000)

    // Edit-to-visible while the 10,000 wait (other records: projects).
    const busy = await editToVisible(core, projects, 'Edited while queued')

    await control(sim, 'DELETE', 'requests')
    started = performance.now()
    const pushed = await core.sync.push(connectionId)
    const pushSeconds = (performance.now() - started) / 1000
    const log = (await control(sim, 'GET', 'requests')) as { method: string; path: string }[]
    const expected = assets.length + projects.length
    if (pushed.sent !== expected || pushed.failed !== 0 || pushed.remaining !== 0)
      throw new Error(`push incomplete: ${JSON.stringify(pushed)}`)
    const requests = log.filter((entry) => entry.path.startsWith('/api/'))
    const patches = requests.filter((entry) => entry.method === 'PATCH').length
    if (patches !== expected) throw new Error(`${patches} PATCHes for ${expected} updates`)
    // The project edits made for the latency figures above went out in the same push.
    const pushRequestsPerSecond = requests.length / pushSeconds
    const updatesPerSecond = expected / pushSeconds

    // Edit-to-visible with an empty outbox.
    const idle = await editToVisible(
      core,
      assets
        .slice(0, LATENCY_EDITS)
        .map((id) => ({ connectionId, kind: 'huvr.asset' as const, id: String(id) })),
      'Edited when idle',
    )

    // The baseline: the same requests from a plain client, right after, on the same server.
    const rawSeconds = await rawPairs(sim, assets, 'description', (id) => `Raw ${id}`)
    const rawPairsPerSecond = assets.length / rawSeconds

    core.close()
    return {
      name: `Push of ${expected.toLocaleString('en-US')} queued updates to the HUVR simulator on loopback (${CONCURRENCY} at once), and the core's edit-to-visible`,
      figures: [
        {
          label: 'push throughput (GET + PATCH per update)',
          value: updatesPerSecond,
          unit: 'updates/s',
          baseline: { label: 'raw undici GET+PATCH pairs', value: rawPairsPerSecond },
        },
        {
          label: 'push request rate',
          value: pushRequestsPerSecond,
          unit: 'requests/s',
          baseline: { label: 'raw undici', value: 2 * rawPairsPerSecond },
        },
        { label: 'push duration', value: pushSeconds, unit: 's' },
        {
          label: 'queueing the edits (records.update, one call each)',
          value: queuePerSecond,
          unit: 'edits/s',
        },
        {
          label: `records.update → record.changed p50 (${LATENCY_EDITS} edits, 10,000 queued)`,
          value: percentile(busy.toEvent, 50),
          unit: 'ms',
        },
        {
          label: 'records.update → record.changed p95 (10,000 queued)',
          value: percentile(busy.toEvent, 95),
          unit: 'ms',
        },
        {
          label: 'records.update → records.get shows it p50 (10,000 queued)',
          value: percentile(busy.toVisible, 50),
          unit: 'ms',
        },
        {
          label: 'records.update → records.get shows it p95 (10,000 queued)',
          value: percentile(busy.toVisible, 95),
          unit: 'ms',
        },
        {
          label: 'records.update → record.changed p50 (outbox empty)',
          value: percentile(idle.toEvent, 50),
          unit: 'ms',
        },
        {
          label: 'records.update → records.get shows it p50 (outbox empty)',
          value: percentile(idle.toVisible, 50),
          unit: 'ms',
        },
        {
          label: 'records.update → records.get shows it p95 (outbox empty)',
          value: percentile(idle.toVisible, 95),
          unit: 'ms',
        },
      ],
    }
  } finally {
    await sim.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
