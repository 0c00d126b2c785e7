import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { importForUpload } from '../../src/main/uploads/import-files'
import { listJobs } from '../../src/main/uploads/jobs'
import { photo, PHOTOS } from '../support/fixtures'
import { importIntoProject, startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

const importDeps = (p: HuvrPair) => ({ db: p.core.db!, files: p.core.files, clock: p.core.clock })

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function uploadPhotos(p: HuvrPair, paths: string[], projectId: number) {
  const results = await importIntoProject(p, paths, projectId)
  p.core.uploads.start()
  await p.core.uploads.whenIdle()
  return results
}

describe('HUVR media uploads', () => {
  it('uploads every fixture photo exactly once, bytes intact, through 5xx, resets, expiring URLs and tokens', async () => {
    const p = (pair = await startHuvrPair({
      seed: { assets: 40 },
      settings: { uploadUrlLifetimeSeconds: 2, tokenLifetimeSeconds: 2 },
    }))
    const project = p.sim.state.tables.projects.all()[0]!
    p.sim.configure({
      faults: {
        serverErrorRate: 0.1,
        resetMidBodyRate: 0.05,
        resetBeforeRate: 0.03,
        lostResponseRate: 0.03,
      },
    })
    // Certain ones too: a create whose answer is lost (the record exists, we must find it, not twin it).
    p.sim.failNext({
      kind: 'lost-response',
      method: 'POST',
      pathPrefix: '/api/inspection-media/',
      times: 2,
    })
    p.sim.failNext({ kind: 'reset-mid-body', method: 'PUT', pathPrefix: '/storage/', times: 2 })

    const results = await uploadPhotos(p, [PHOTOS], project.id)
    const files = results.filter((r) => r.ok)
    expect(files.length).toBeGreaterThan(20)
    const jobs = listJobs(p.core.db!)
    expect(jobs.map((job) => [job.filename, job.state, job.last_error])).toEqual(
      jobs.map((job) => [job.filename, 'done', job.last_error]),
    )

    const uploaded = p.sim.state.tables.media
      .all()
      .filter((media) => media.project === project.id && media.client_id !== null)
    expect(uploaded).toHaveLength(jobs.length)
    expect(new Set(uploaded.map((media) => media.client_id)).size).toBe(jobs.length)
    for (const job of jobs) {
      const media = uploaded.find((m) => m.client_id === job.client_id)!
      expect(String(media.id)).toBe(job.remote_id)
      expect(['UPLOADED', 'PROCESSING', 'PROCESSED']).toContain(media.state)
      // What storage holds is exactly the file from the card.
      const stored = await p.sim.state.blobs.get(media.storage.object)
      expect(sha256(stored!.bytes)).toBe(sha256(readFileSync(job.source_path!)))
    }
    expect(
      p.sim.requestLog.some((entry) => entry.fault === 'lost-response' && entry.method === 'POST'),
    ).toBe(true)
  })

  it('queues the same file onto the same project once, however often it is imported', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = p.sim.state.tables.projects.all()[0]!
    const target = {
      connectionId: p.connectionId,
      kind: 'huvr.project' as const,
      id: String(project.id),
    }
    const first = await importForUpload(importDeps(p), [photo('gps/DSCN0010.jpg')], target, null)
    const again = await importForUpload(
      importDeps(p),
      [photo('gps/DSCN0010.jpg'), photo('gps/DSCN0010.jpg')],
      target,
      null,
    )
    expect(first[0]).toMatchObject({ ok: true, alreadyQueued: false })
    expect(again.every((r) => r.ok && r.alreadyQueued)).toBe(true)
    expect(listJobs(p.core.db!)).toHaveLength(1)
  })

  it('prefills capture time and GPS, and still uploads files it cannot preview', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = p.sim.state.tables.projects.all()[0]!
    const results = await uploadPhotos(
      p,
      [photo('gps/DSCN0010.jpg'), photo('corrupted.jpg'), photo('heic/IMG_5195.HEIC')],
      project.id,
    )
    expect(results.filter((r) => r.ok && r.placeholderReason !== null)).toHaveLength(2)
    const byName = new Map(
      p.sim.state.tables.media
        .all()
        .filter((m) => m.client_id !== null)
        .map((m) => [m.filename, m]),
    )
    expect(byName.get('DSCN0010.jpg')?.captured_on).toMatch(/^2008-10-22T16:28:39/)
    expect(byName.get('DSCN0010.jpg')?.geo_point?.[0]).toBeCloseTo(43.4674, 3)
    expect(byName.has('corrupted.jpg')).toBe(true)
    expect(byName.has('IMG_5195.HEIC')).toBe(true)
    for (const job of listJobs(p.core.db!)) expect(job.state).toBe('done')
  })

  it('reports a file that vanished from the card for that file, and uploads the rest', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = p.sim.state.tables.projects.all()[0]!
    const results = await uploadPhotos(
      p,
      [photo('Canon_40D.jpg'), '/nonexistent/DSC0001.JPG'],
      project.id,
    )
    expect(results.find((r) => !r.ok)).toMatchObject({
      error: expect.stringMatching(/Cannot read .*DSC0001/),
    })
    expect(listJobs(p.core.db!).map((job) => job.state)).toEqual(['done'])
  })
})
