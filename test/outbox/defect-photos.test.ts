import { afterEach, describe, expect, it } from 'vitest'
import { callOk, rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'
import { makeOffline, projectsWithDefects, requestsTo, succeeded } from '../support/outbox'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

/** The defect ids a media record's overlays name, on the server. */
function linkedDefects(sim: HuvrPair['sim'], mediaId: number): number[] {
  return sim.state.overlaysOf(mediaId).map((overlay) => overlay.defect)
}

/**
 * A simulator and core with an open project (findings of a published one are locked) that has
 * defects and at least two photos, synced for offline use.
 */
async function openProjectWithPhotos() {
  pair = await startHuvrPair({
    seed: { assets: 30, seed: 8, defectsPerProject: 2, mediaPerProject: 4 },
  })
  const { sim, core, connectionId } = pair
  const projectId = projectsWithDefects(sim, 1).find(
    (id) =>
      sim.state.tables.projects.get(id)?.status !== 'PUBLISHED' &&
      sim.state.tables.media.all().filter((m) => m.project === id).length >= 2,
  )!
  await makeOffline(core, connectionId, [projectId])
  return { sim, core, connectionId, client: rpc(core), projectId }
}

describe('photos linked to defects', () => {
  it('links photos offline, to a defect on the server and to one created here, each sent once after its defect', async () => {
    const { sim, core, connectionId, client, projectId } = await openProjectWithPhotos()
    const [first, second] = sim.state.tables.media.all().filter((m) => m.project === projectId)
    const existing = sim.state.tables.defects.all().find((d) => d.project === projectId)!

    // Offline: a new defect with a photo, and a photo on a defect HUVR has.
    const profileId = (
      await callOk(client, 'huvr.lookups', { connectionId, kind: 'defect-profiles' })
    )[0]!.id
    const created = await callOk(client, 'records.create', {
      connectionId,
      kind: 'huvr.defect',
      fields: { project: projectId, profile_id: profileId, description: 'Crack at nozzle N1' },
    })
    const link = (media: number, defect: string) =>
      callOk(client, 'records.create', {
        connectionId,
        kind: 'huvr.overlay',
        fields: { media, defect: Number(defect) },
      })
    await link(first!.id, created.id)
    await link(second!.id, String(existing.id))
    expect(
      await callOk(client, 'records.linkedMedia', { connectionId, defectId: created.id }),
    ).toEqual([expect.objectContaining({ mediaId: first!.id, syncState: 'pending' })])
    const waiting = await callOk(client, 'outbox.list', {})
    expect(
      waiting.find((item) => item.kind === 'huvr.overlay' && item.fields['media'] === first!.id),
    ).toMatchObject({ waitingForParent: true })
    const createdRef = { connectionId, kind: 'huvr.defect', id: created.id } as const
    expect(await callOk(client, 'records.serverId', createdRef)).toBeNull()
    sim.clearRequestLog()
    const [result] = await core.sync.run({ connectionId })
    expect(result?.pushed).toMatchObject({ failed: 0, conflicts: 0, remaining: 0 })

    const serverDefect = sim.state.tables.defects
      .all()
      .find((d) => d.description === 'Crack at nozzle N1')!
    // A page or link still naming the local id finds where the defect went.
    expect(await callOk(client, 'records.serverId', createdRef)).toBe(String(serverDefect.id))
    expect(linkedDefects(sim, first!.id)).toEqual([serverDefect.id])
    expect(linkedDefects(sim, second!.id)).toEqual([existing.id])
    const posts = requestsTo(sim, 'POST', '/api/inspection-media/*').filter(
      (entry) => entry.path.endsWith('/overlays/') && succeeded(entry),
    )
    expect(posts.map((entry) => entry.body)).toEqual(
      expect.arrayContaining([
        { defect: serverDefect.id, note: '' },
        { defect: existing.id, note: '' },
      ]),
    )
    expect(posts).toHaveLength(2)

    // After the pull the server's media carry the links: still one photo per link.
    const defectIds = [String(serverDefect.id), String(existing.id)]
    const [mine, theirs] = await Promise.all(
      defectIds.map((defectId) =>
        callOk(client, 'records.linkedMedia', { connectionId, defectId }),
      ),
    )
    expect(mine).toEqual([expect.objectContaining({ mediaId: first!.id, syncState: 'synced' })])
    expect(theirs).toEqual([expect.objectContaining({ mediaId: second!.id, syncState: 'synced' })])
    expect((await callOk(client, 'outbox.counts', {})).total).toEqual({
      pending: 0,
      failed: 0,
      conflict: 0,
    })
    // A sent link cannot be removed here: HUVR offers no way to.
    const [sentLink] = core
      .db!.prepare('SELECT remote_id FROM huvr_overlays')
      .pluck()
      .all() as number[]
    const removal = await client.call('records.delete', {
      connectionId,
      kind: 'huvr.overlay',
      id: String(sentLink),
    })
    expect(removal).toMatchObject({ ok: false, error: { code: 'refused' } })
  })

  it('finds a link whose answer was lost on the media record, instead of linking twice', async () => {
    const { sim, core, connectionId, client, projectId } = await openProjectWithPhotos()
    const media = sim.state.tables.media.all().find((m) => m.project === projectId)!
    const defect = sim.state.tables.defects.all().find((d) => d.project === projectId)!
    await callOk(client, 'records.create', {
      connectionId,
      kind: 'huvr.overlay',
      fields: { media: media.id, defect: defect.id, note: 'Close-up' },
    })
    sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix: '/api/inspection-media/' })
    const [interrupted] = await core.sync.run({ connectionId })
    expect(interrupted?.ok).toBe(false)
    expect(linkedDefects(sim, media.id)).toEqual([defect.id])

    const [resumed] = await core.sync.run({ connectionId })
    expect(resumed?.pushed).toMatchObject({ sent: 1, failed: 0, remaining: 0 })
    expect(linkedDefects(sim, media.id)).toEqual([defect.id])
    const overlayPosts = requestsTo(sim, 'POST', '/api/inspection-media/*').filter((entry) =>
      entry.path.endsWith('/overlays/'),
    )
    expect(overlayPosts).toHaveLength(1)
  })
})
