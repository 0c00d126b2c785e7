import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { ensureHuvrConnectionFromEnv } from '../../src/main/cli/env-connections'
import { createRandom } from '../../src/sandbox/common/random'
import { startHuvrSimulator, type RequestLogEntry } from '../../src/sandbox/huvr'
import { huvrCliEnv, runCli, spawnCli } from '../support/cli'
import { callOk, createTestCore, rpc } from '../support/core'
import { makeOffline, requestsTo, succeeded } from '../support/outbox'
import { tempDir } from '../support/temp'

const NEW_PROJECTS = 30
const CHILD_DEFECTS = 3
const CHILD_READINGS = 3
const LOOSE_DEFECTS = 30
const ASSET_UPDATES = 160
const PROJECT_UPDATES = 40
const DELETES = 60
const KILLS = 8

/** One queued mutation, and what the server must end up with for it. */
type Mutation =
  | { op: 'project'; name: string; asset: number; type: number }
  | { op: 'defect'; description: string; parent: string | number; profile: number }
  | { op: 'reading'; comment: string; parent: string; cml: number; value: number }
  | { op: 'asset-update' | 'project-update'; id: number; description: string }
  | { op: 'delete'; id: number }

describe('fieldstation sync killed with SIGKILL while pushing 500 queued mutations', () => {
  it('applies each mutation exactly once across the kills and empties the outbox', async () => {
    const sim = await startHuvrSimulator({
      seed: {
        assets: 200,
        seed: 3,
        defectsPerProject: 3,
        checklistsPerProject: 0,
        mediaPerProject: 0,
        cmlShare: 1,
      },
      settings: { requestLogLimit: 1_000_000 },
    })
    try {
      const dataDir = tempDir()
      const env = huvrCliEnv(dataDir, sim)
      const random = createRandom(20_250_602)

      // --- Queue the mutations in-process, on the data folder and account the CLI will use.
      const core = createTestCore(dataDir)
      const connectionId = ensureHuvrConnectionFromEnv(core.db!, core.secrets, core.clock, env)!
      const client = rpc(core)
      const cmlAssets = new Set(sim.state.tables.cmls.all().map((cml) => cml.asset))
      const offline = sim.state.tables.projects.all().filter((p) => cmlAssets.has(p.asset))
      await makeOffline(
        core,
        connectionId,
        offline.map((p) => p.id),
      )
      const [type] = await callOk(client, 'huvr.lookups', { connectionId, kind: 'project-types' })
      const [profile] = await callOk(client, 'huvr.lookups', {
        connectionId,
        kind: 'defect-profiles',
      })
      const offlineAssets = [...new Set(offline.map((p) => p.asset))]
      const cmlsOf = new Map<number, number[]>()
      for (const assetId of offlineAssets)
        cmlsOf.set(
          assetId,
          (await callOk(client, 'huvr.cmls', { connectionId, assetId })).map((cml) => cml.id),
        )
      const deletable = sim.state.tables.defects
        .all()
        .filter((d) => offline.some((p) => p.id === d.project))
        .map((d) => d.id)
      expect(deletable.length).toBeGreaterThanOrEqual(DELETES)
      expect(offlineAssets.every((id) => (cmlsOf.get(id) ?? []).length > 0)).toBe(true)

      // Parents first within each new project, otherwise mixed: creates, updates and deletes
      // of many kinds are all under way when a kill lands.
      const groups: Mutation[][] = []
      for (let i = 0; i < NEW_PROJECTS; i++) {
        const asset = offlineAssets[i % offlineAssets.length]!
        const name = `Kill project ${i}`
        const group: Mutation[] = [{ op: 'project', name, asset, type: type!.id }]
        for (let j = 0; j < CHILD_DEFECTS; j++)
          group.push({
            op: 'defect',
            description: `Kill defect ${i}.${j}`,
            parent: name,
            profile: profile!.id,
          })
        const cmls = cmlsOf.get(asset)!
        for (let j = 0; j < CHILD_READINGS; j++)
          group.push({
            op: 'reading',
            comment: `Kill reading ${i}.${j}`,
            parent: name,
            cml: cmls[j % cmls.length]!,
            value: 10 + i + j / 10,
          })
        groups.push(group)
      }
      for (let i = 0; i < LOOSE_DEFECTS; i++)
        groups.push([
          {
            op: 'defect',
            description: `Kill loose defect ${i}`,
            parent: offline[i % offline.length]!.id,
            profile: profile!.id,
          },
        ])
      for (const asset of sim.state.tables.assets.all().slice(0, ASSET_UPDATES))
        groups.push([
          { op: 'asset-update', id: asset.id, description: `Kill asset note ${asset.id}` },
        ])
      for (const project of sim.state.tables.projects.all().slice(0, PROJECT_UPDATES))
        groups.push([
          { op: 'project-update', id: project.id, description: `Kill project note ${project.id}` },
        ])
      for (const id of deletable.slice(0, DELETES)) groups.push([{ op: 'delete', id }])
      const mutations: Mutation[] = []
      while (groups.length > 0) {
        const index = random.int(0, groups.length - 1)
        const group = groups[index]!
        mutations.push(group.shift()!)
        if (group.length === 0) groups.splice(index, 1)
      }
      expect(mutations).toHaveLength(500)

      const localProject = new Map<string, number>()
      const parentId = (parent: string | number) =>
        typeof parent === 'number' ? parent : localProject.get(parent)!
      for (const m of mutations) {
        if (m.op === 'project') {
          const view = await callOk(client, 'records.create', {
            connectionId,
            kind: 'huvr.project',
            fields: { name: m.name, asset: m.asset, type: m.type },
          })
          localProject.set(m.name, Number(view.id))
        } else if (m.op === 'defect')
          await callOk(client, 'records.create', {
            connectionId,
            kind: 'huvr.defect',
            fields: {
              project: parentId(m.parent),
              profile_id: m.profile,
              description: m.description,
            },
          })
        else if (m.op === 'reading')
          await callOk(client, 'records.create', {
            connectionId,
            kind: 'huvr.measurement',
            fields: {
              project: parentId(m.parent),
              cml: m.cml,
              value: m.value,
              units: 'mm',
              comment: m.comment,
            },
          })
        else if (m.op === 'delete')
          await callOk(client, 'records.delete', {
            connectionId,
            kind: 'huvr.defect',
            id: String(m.id),
          })
        else
          await callOk(client, 'records.update', {
            connectionId,
            kind: m.op === 'asset-update' ? 'huvr.asset' : 'huvr.project',
            id: String(m.id),
            changes: { description: m.description },
          })
      }
      expect((await callOk(client, 'outbox.counts', {})).total).toEqual({
        pending: 500,
        failed: 0,
        conflict: 0,
      })
      core.close()

      const before = {
        projects: sim.state.tables.projects.size,
        defects: sim.state.tables.defects.size,
        measurements: sim.state.tables.measurements.size,
      }

      // --- Push with the CLI, killed several times while it writes to the server.
      // Each answer takes 15 ms, so the push lasts a few seconds and every kill finds it busy.
      // A few creates are also handled with their answer lost (a dropped link, or a kill right
      // after the server acted): their outcome is unknown and must be looked up, not re-sent.
      sim.configure({ faults: { latencyMs: 15 } })
      const lostAnswers: [string, number][] = [
        ['/api/projects/', 2],
        ['/api/projects/', 14],
        ['/api/defects/', 5],
        ['/api/defects/', 30],
        ['/api/defects/', 80],
        ['/api/measurements/', 8],
        ['/api/measurements/', 45],
      ]
      for (const [pathPrefix, skip] of lostAnswers)
        sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix, skip })
      sim.clearRequestLog()
      const args = ['--data-dir', dataDir, 'sync', '--json']
      const writes = () =>
        sim.requestLog.filter((e) => e.authorized && e.method !== 'GET' && e.method !== 'HEAD')
          .length
      const writesAfterRun: number[] = [0]
      let killed = 0
      // Runs that stop by themselves at a lost answer do not count as kills.
      for (let run = 0; killed < KILLS && run < KILLS + lostAnswers.length; run++) {
        const child = spawnCli(args, env)
        let exited = false
        const exit = new Promise<NodeJS.Signals | null>((resolve) =>
          child.once('exit', (_code, signal) => resolve(signal)),
        ).then((signal) => {
          exited = true
          return signal
        })
        const seen = writes()
        // Once this run has written something (then a seeded moment of 0–250 ms), or it stopped
        // by itself at a lost answer.
        while (writes() <= seen && !exited) await sleep(5)
        if (!exited) {
          await sleep(random.int(0, 250))
          child.kill('SIGKILL')
        }
        if ((await exit) === 'SIGKILL') killed++
        writesAfterRun.push(writes())
      }
      // Every run wrote to the server before it was killed or stopped: the push was under way.
      for (let run = 1; run < writesAfterRun.length; run++)
        expect(writesAfterRun[run]).toBeGreaterThan(writesAfterRun[run - 1]!)
      expect(killed).toBe(KILLS)

      // Then runs to completion (a run stops at a lost answer; the next one carries on).
      let final = await runCli(args, env)
      for (let run = 0; run < lostAnswers.length && final.code !== 0; run++)
        final = await runCli(args, env)
      expect(final.code, final.stderr).toBe(0)
      expect(JSON.parse(final.stdout)).toMatchObject({ ok: true })
      // Most scripted losses land; one whose request a kill cut short first never reaches the
      // handler. Those that land prove the lookup path ran, which the checks below rely on.
      expect(
        sim.requestLog.filter((e) => e.fault === 'lost-response').length,
      ).toBeGreaterThanOrEqual(lostAnswers.length - 3)

      // --- Exactly once, from the request log and the server's state.
      const log = sim.requestLog
      const posts = (path: string, key: string, value: unknown) =>
        log.filter(
          (e) =>
            e.method === 'POST' &&
            e.path === path &&
            (e.body as Record<string, unknown> | undefined)?.[key] === value,
        )
      // Applied: answered 2xx, or handled with the answer dropped.
      const applied = (e: RequestLogEntry) => succeeded(e) || e.fault === 'lost-response'
      const once = (entries: RequestLogEntry[], label: string) =>
        expect(entries.filter(applied), label).toHaveLength(1)

      const serverProject = new Map<string, number>()
      for (const m of mutations) {
        switch (m.op) {
          case 'project': {
            once(posts('/api/projects/', 'name', m.name), m.name)
            const made = sim.state.tables.projects.all().filter((p) => p.name === m.name)
            expect(made, m.name).toHaveLength(1)
            expect(made[0]).toMatchObject({ asset: m.asset, type: m.type })
            serverProject.set(m.name, made[0]!.id)
            break
          }
          case 'asset-update':
          case 'project-update': {
            const path = `/api/${m.op === 'asset-update' ? 'assets' : 'projects'}/${m.id}/`
            const patches = requestsTo(sim, 'PATCH', path)
            once(patches, path)
            // Only the changed field, in every PATCH whose body arrived (a kill can cut one off).
            const bodies = patches.filter((e) => e.body !== undefined).map((e) => e.body)
            expect(bodies).toEqual(bodies.map(() => ({ description: m.description })))
            const table = m.op === 'asset-update' ? 'assets' : 'projects'
            expect(sim.state.tables[table].get(m.id)?.description).toBe(m.description)
            break
          }
          case 'delete': {
            const deletes = requestsTo(sim, 'DELETE', `/api/defects/${m.id}/`)
            once(deletes, `DELETE defect ${m.id}`)
            // Any other was cut off by a kill before it was handled, or repeated and found it gone.
            const others = deletes.filter((e) => !succeeded(e)).map((e) => e.status)
            expect(others.every((status) => status === null || status === 404)).toBe(true)
            expect(sim.state.tables.defects.get(m.id)).toBeUndefined()
            break
          }
          default:
            break
        }
      }
      // Children, once every new project's server id is known.
      for (const m of mutations) {
        if (m.op === 'defect') {
          const project = typeof m.parent === 'number' ? m.parent : serverProject.get(m.parent)!
          once(posts('/api/defects/', 'description', m.description), m.description)
          const made = sim.state.tables.defects.all().filter((d) => d.description === m.description)
          expect(made, m.description).toHaveLength(1)
          expect(made[0]).toMatchObject({ project, profile: m.profile })
          expect(made[0]!.asset).toBe(sim.state.tables.projects.get(project)!.asset)
        } else if (m.op === 'reading') {
          once(posts('/api/measurements/', 'comment', m.comment), m.comment)
          const made = sim.state.tables.measurements.all().filter((r) => r.comment === m.comment)
          expect(made, m.comment).toHaveLength(1)
          expect(made[0]).toMatchObject({
            project: serverProject.get(m.parent),
            cml: m.cml,
            value: m.value,
            units: 'mm',
          })
        }
      }
      // Nothing more than that on the server: no stray record from a repeated create.
      expect(sim.state.tables.projects.size).toBe(before.projects + NEW_PROJECTS)
      expect(sim.state.tables.defects.size).toBe(
        before.defects + NEW_PROJECTS * CHILD_DEFECTS + LOOSE_DEFECTS - DELETES,
      )
      expect(sim.state.tables.measurements.size).toBe(
        before.measurements + NEW_PROJECTS * CHILD_READINGS,
      )
      // Nothing was ever addressed to a local id.
      expect(log.filter((e) => /\/-\d+\//.test(e.path))).toEqual([])

      const status = await runCli(['--data-dir', dataDir, 'status', '--json'], env)
      expect(status.code).toBe(0)
      expect((JSON.parse(status.stdout) as { outbox: unknown }).outbox).toEqual({
        total: 0,
        byState: {},
      })
    } finally {
      await sim.stop()
    }
  }, 180_000)
})
