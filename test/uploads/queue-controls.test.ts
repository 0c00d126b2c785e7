import { afterEach, describe, expect, it } from 'vitest'
import { setConnectionSecret } from '../../src/main/connections/store'
import { getJob, listJobs } from '../../src/main/uploads/jobs'
import { photo } from '../support/fixtures'
import { importIntoProject, startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

async function queued(p: HuvrPair, names: string[]) {
  const project = p.sim.state.tables.projects.all()[0]!
  await importIntoProject(p, names.map(photo), project.id)
  return project
}

const mediaOf = (p: HuvrPair, projectId: number) =>
  p.sim.state.tables.media.all().filter((m) => m.project === projectId && m.client_id !== null)

describe('upload queue controls', () => {
  it('pauses everything, sends nothing while paused, and finishes after resume', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = await queued(p, ['Canon_40D.jpg', 'Nikon_D70.jpg'])
    expect(p.core.uploads.pause()).toBe(2)
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    expect(mediaOf(p, project.id)).toHaveLength(0)
    expect(p.core.uploads.resume()).toBe(2)
    await p.core.uploads.whenIdle()
    expect(listJobs(p.core.db!).map((job) => job.state)).toEqual(['done', 'done'])
    expect(mediaOf(p, project.id)).toHaveLength(2)
  })

  it('cancelling a job whose bytes never arrived removes its half-made record in HUVR', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = await queued(p, ['Canon_40D.jpg'])
    // Storage keeps failing: the record exists, the bytes never land, the job waits to retry.
    p.sim.failNext({ kind: 'server-error', method: 'PUT', pathPrefix: '/storage/', times: 1000 })
    p.core.uploads.start()
    const [job] = listJobs(p.core.db!)
    while (
      (getJob(p.core.db!, job!.id)?.remote_id ?? null) === null ||
      getJob(p.core.db!, job!.id)?.state === 'running'
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(mediaOf(p, project.id)).toHaveLength(1)
    await p.core.uploads.cancel(job!.id)
    await p.core.uploads.whenIdle()
    expect(getJob(p.core.db!, job!.id)?.state).toBe('cancelled')
    expect(mediaOf(p, project.id)).toHaveLength(0)
  })

  it('fails with the reason when HUVR refuses the account, and Retry works once it is fixed', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const project = await queued(p, ['Canon_40D.jpg'])
    setConnectionSecret(p.core.secrets, p.connectionId, 'wrong')
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    const [failed] = listJobs(p.core.db!)
    expect(failed).toMatchObject({
      state: 'failed',
      last_error: expect.stringMatching(/refused the client id or secret/),
    })
    setConnectionSecret(p.core.secrets, p.connectionId, p.sim.credentials.client_secret)
    expect(p.core.uploads.retry(failed!.id)).toBe(1)
    await p.core.uploads.whenIdle()
    expect(getJob(p.core.db!, failed!.id)).toMatchObject({ state: 'done', last_error: null })
    expect(mediaOf(p, project.id)).toHaveLength(1)
  })
})
