import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startHuvrSimulator, type RunningHuvrSimulator } from '../../src/sandbox/huvr'
import { runCli } from '../support/cli'
import { tempDir } from '../support/temp'

let sim: RunningHuvrSimulator | null = null
afterEach(async () => {
  await sim?.stop()
  sim = null
})

interface SyncJson {
  ok: boolean
  connections: {
    id: string
    name: string
    ok: boolean
    error: string | null
    kinds: Record<
      string,
      { fetched: number; created: number; updated: number; deleted: number; errors: string[] }
    >
  }[]
  unknownProjects: number[]
}

function huvrEnv(
  server: RunningHuvrSimulator,
  dataDir: string,
  secret = server.credentials.client_secret,
) {
  return {
    FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    HUVR_URL: server.baseUrl,
    HUVR_CLIENT_ID: server.credentials.client_id,
    HUVR_CLIENT_SECRET: secret,
  }
}

describe('fieldstation sync', () => {
  it('pulls a HUVR account given by HUVR_* variables and prints the per-kind JSON summary', async () => {
    sim = await startHuvrSimulator({ seed: { assets: 300 } })
    const dataDir = tempDir()
    const run = await runCli(['--data-dir', dataDir, 'sync', '--json'], huvrEnv(sim, dataDir))
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as SyncJson
    expect(summary.ok).toBe(true)
    expect(summary.connections).toHaveLength(1)
    expect(summary.connections[0]!.kinds['huvr.assets']).toEqual({
      fetched: 300,
      created: 300,
      updated: 0,
      deleted: 0,
      errors: [],
    })
    expect(run.stderr).toMatch(/huvr\.assets: 300\/300/)

    const status = await runCli(['--data-dir', dataDir, 'status', '--json'], huvrEnv(sim, dataDir))
    const counts = (JSON.parse(status.stdout) as { counts: Record<string, number> }).counts
    expect(counts['huvr.assets']).toBe(300)
    expect(counts['huvr.projects']).toBe(sim.state.tables.projects.size)

    // The same variables on the next run reuse the account (and its cache) instead of adding one.
    const again = JSON.parse(
      (await runCli(['--data-dir', dataDir, 'sync', '--json'], huvrEnv(sim, dataDir))).stdout,
    ) as SyncJson
    expect(again.connections.map((c) => c.id)).toEqual(summary.connections.map((c) => c.id))
    expect(again.connections[0]!.kinds['huvr.assets']?.created).toBe(0)
  })

  it('--offline-project brings a project’s media, checklists and defects along', async () => {
    sim = await startHuvrSimulator({
      seed: { assets: 200, mediaPerProject: 2, defectsPerProject: 2 },
    })
    const project = sim.state.tables.projects
      .all()
      .find((candidate) => sim!.state.tables.media.all().some((m) => m.project === candidate.id))!
    const dataDir = tempDir()
    const run = await runCli(
      ['--data-dir', dataDir, 'sync', '--json', '--offline-project', String(project.id)],
      huvrEnv(sim, dataDir),
    )
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as SyncJson
    const mediaCount = sim.state.tables.media.all().filter((m) => m.project === project.id).length
    expect(summary.connections[0]!.kinds['huvr.media']?.fetched).toBe(mediaCount)
  })

  it('exits 1 with a clear message for wrong credentials or an unknown offline project', async () => {
    sim = await startHuvrSimulator({ seed: { assets: 50 } })
    const dataDir = tempDir()
    const wrong = await runCli(
      ['--data-dir', dataDir, 'sync', '--json'],
      huvrEnv(sim, dataDir, 'wrong-secret'),
    )
    expect(wrong.code).toBe(1)
    const summary = JSON.parse(wrong.stdout) as SyncJson
    expect(summary.ok).toBe(false)
    expect(summary.connections[0]!.error).toMatch(/refused the client id or secret/)

    const unknown = await runCli(
      ['--data-dir', dataDir, 'sync', '--json', '--offline-project', '999999'],
      huvrEnv(sim, dataDir),
    )
    expect(unknown.code).toBe(1)
    expect((JSON.parse(unknown.stdout) as SyncJson).unknownProjects).toEqual([999999])
  })

  it('exits 1 and says what to do when there is no account at all', async () => {
    const dataDir = tempDir()
    const run = await runCli(['--data-dir', dataDir, 'sync'], {
      FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/HUVR_URL/)
  })
})

describe('fieldstation sync with a TransAM account from TRANSAM_* variables', () => {
  it('signs in once with TRANSAM_PASSWORD, syncs, and never sends a refused password again', async () => {
    const { startTransamSimulator } = await import('../../src/sandbox/transam')
    const transam = await startTransamSimulator({ seed: { assets: 30 } })
    try {
      const dataDir = tempDir()
      const env = (password: string) => ({
        FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
        TRANSAM_URL: transam.baseUrl,
        TRANSAM_EMAIL: transam.credentials.email,
        TRANSAM_PASSWORD: password,
      })
      const wrong = await runCli(['--data-dir', dataDir, 'sync', '--json'], env('not-it'))
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(/TransAM sign-in failed: Incorrect password/)
      const again = await runCli(['--data-dir', dataDir, 'sync', '--json'], env('not-it'))
      expect(again.code).toBe(1)
      expect(again.stderr).toMatch(/not sent again/)
      expect(
        transam.requestLog.filter((entry) => entry.path.startsWith('/api/v1/sign_in')),
      ).toHaveLength(1)

      const right = await runCli(
        ['--data-dir', dataDir, 'sync', '--json'],
        env(transam.credentials.password),
      )
      expect(right.code).toBe(0)
      const summary = JSON.parse(right.stdout) as SyncJson
      expect(summary.connections[0]!.kinds['transam.assets']?.fetched).toBeGreaterThan(0)
    } finally {
      await transam.stop()
    }
  })
})
