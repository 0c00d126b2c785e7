import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importForUpload } from '../../src/main/uploads/import-files'
import { listJobs } from '../../src/main/uploads/jobs'
import { rpc } from '../support/core'
import { photo } from '../support/fixtures'
import { tempDir } from '../support/temp'
import { startTransamPair, type TransamPair } from '../support/transam'

let pair: TransamPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function signedIn(): Promise<TransamPair> {
  pair = await startTransamPair({ seed: { assets: 10 } })
  await rpc(pair.core).call('connections.signInTransam', {
    id: pair.connectionId,
    password: pair.sim.credentials.password,
  })
  return pair
}

function documentsFile(dir: string, name: string, size: number): string {
  const path = join(dir, name)
  const bytes = Buffer.alloc(size)
  bytes.write('%PDF-1.4\n')
  for (let i = 9; i < size; i++) bytes[i] = (i * 31) % 251
  writeFileSync(path, bytes)
  return path
}

describe('TransAM document uploads', () => {
  it('uploads each document exactly once under its asset, even when a POST’s answer is lost', async () => {
    const p = await signedIn()
    const asset = [...p.sim.state.assets.values()].find((a) =>
      p.sim.state
        .viewableOrganizations(p.sim.state.sandboxUser)
        .some((o) => o.id === a.organization_id),
    )!
    const before = p.sim.state.documentsOf(asset.id).length
    const dir = tempDir()
    const files = [
      documentsFile(dir, 'inspection-report.pdf', 200_000),
      documentsFile(dir, 'certificate.pdf', 50_000),
      photo('gps/DSCN0010.jpg'),
    ]
    // The first create is handled but its answer never arrives: the retry must find it, not twin it.
    p.sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix: '/api/v1/assets/' })
    const results = await importForUpload(
      { db: p.core.db!, files: p.core.files, clock: p.core.clock },
      files,
      { connectionId: p.connectionId, kind: 'transam.asset', id: asset.object_key },
      'Field inspection 2026-11',
    )
    expect(results.every((r) => r.ok)).toBe(true)
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    const jobs = listJobs(p.core.db!)
    expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done'])
    expect(p.sim.requestLog.some((entry) => entry.fault === 'lost-response')).toBe(true)

    const documents = p.sim.state.documentsOf(asset.id)
    expect(documents).toHaveLength(before + 3)
    for (const job of jobs) {
      const document = documents.find((d) => d.object_key === job.remote_id)!
      expect(document.description).toBe('Field inspection 2026-11')
      expect(sha256(p.sim.state.objectBytes(document.storage_key)!)).toBe(
        sha256(readFileSync(job.source_path!)),
      )
    }
    // Each is in the asset's cached list at once, readable from the copy made at import.
    const cached = p.core
      .db!.prepare(
        'SELECT remote_id AS key, file_sha256 AS sha FROM transam_documents WHERE asset_key = ? ORDER BY remote_id',
      )
      .all(asset.object_key)
    expect(cached).toEqual(
      expect.arrayContaining(jobs.map((job) => ({ key: job.remote_id, sha: job.content_sha256 }))),
    )
  })

  it('rejects a document over 4 MB up front, with the size, and queues nothing for it', async () => {
    const p = await signedIn()
    const asset = [...p.sim.state.assets.values()][0]!
    const big = documentsFile(tempDir(), 'manual.pdf', 4 * 1024 * 1024 + 1)
    const results = await importForUpload(
      { db: p.core.db!, files: p.core.files, clock: p.core.clock },
      [big],
      { connectionId: p.connectionId, kind: 'transam.asset', id: asset.object_key },
      null,
    )
    expect(results).toEqual([
      {
        path: big,
        ok: false,
        error: expect.stringMatching(/manual\.pdf is 4\.0 MB, over TransAM's 4 MB limit/),
      },
    ])
    expect(listJobs(p.core.db!)).toHaveLength(0)
    expect(
      p.sim.requestLog.filter(
        (entry) => entry.method === 'POST' && entry.path.includes('/documents'),
      ),
    ).toHaveLength(0)
  })

  it('waits with a clear reason while TransAM needs a sign-in, sending nothing', async () => {
    pair = await startTransamPair({ seed: { assets: 5 } })
    const p = pair
    const asset = [...p.sim.state.assets.values()][0]!
    await importForUpload(
      { db: p.core.db!, files: p.core.files, clock: p.core.clock },
      [photo('Canon_40D.jpg')],
      { connectionId: p.connectionId, kind: 'transam.asset', id: asset.object_key },
      null,
    )
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    expect(listJobs(p.core.db!)[0]).toMatchObject({
      state: 'failed',
      last_error: expect.stringMatching(/Sign in to TransAM first/),
    })
    expect(p.sim.requestLog).toHaveLength(0)
  })
})

describe('fieldstation upload --transam-asset', () => {
  it('signs in with TRANSAM_* variables, uploads, and refuses the over-size file by name', async () => {
    const { runCli } = await import('../support/cli')
    const p = await signedIn()
    const asset = [...p.sim.state.assets.values()].find((a) =>
      p.sim.state
        .viewableOrganizations(p.sim.state.sandboxUser)
        .some((o) => o.id === a.organization_id),
    )!
    const dataDir = tempDir()
    const dir = tempDir()
    const small = documentsFile(dir, 'small.pdf', 10_000)
    const big = documentsFile(dir, 'big.pdf', 5 * 1024 * 1024)
    const env = {
      FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
      TRANSAM_URL: p.sim.baseUrl,
      TRANSAM_EMAIL: p.sim.credentials.email,
      TRANSAM_PASSWORD: p.sim.credentials.password,
    }
    const run = await runCli(
      ['--data-dir', dataDir, 'upload', small, big, '--transam-asset', asset.object_key, '--json'],
      env,
    )
    expect(run.code).toBe(1)
    const outcome = JSON.parse(run.stdout) as {
      ok: boolean
      files: { path: string; ok: boolean; error: string | null }[]
    }
    expect(outcome.files.find((f) => f.path === small)).toMatchObject({ ok: true })
    expect(outcome.files.find((f) => f.path === big)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/over TransAM's 4 MB limit/),
    })
  })
})
