import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, type Loose, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient
let projectId: number
let assetId: number

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 120 } }))
  const open = sim.state.tables.projects.all().find((project) => project.status !== 'PUBLISHED')!
  projectId = open.id
  assetId = open.asset
})
afterAll(() => sim.stop())

let counter = 0
async function newMedia(): Promise<Loose> {
  counter += 1
  const answer = await api.post('/api/inspection-media/', {
    filename: `overlay-${counter}.jpg`,
    project: projectId,
  })
  expect(answer.status).toBe(201)
  return answer.body
}

async function newDefect(fields: Record<string, unknown> = {}): Promise<Loose> {
  const answer = await api.post('/api/defects/', {
    asset_id: assetId,
    profile_id: 1,
    project: projectId,
    type: 'CRACK',
    ...fields,
  })
  expect(answer.status).toBe(201)
  return answer.body
}

const overlaysPath = (mediaId: number) => `/api/inspection-media/${mediaId}/overlays/`

describe('adding an overlay', () => {
  it('links a photo to a finding and answers 200 with the media record', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    expect(media.overlays).toEqual([])

    const answer = await api.post(overlaysPath(media.id), { defect: defect.id, note: 'Crack here' })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ id: media.id, name: media.name })
    expect(answer.body.overlays).toHaveLength(1)
    const [overlay] = answer.body.overlays
    expect(overlay).toEqual({
      id: expect.any(Number),
      media: media.id,
      defect: expect.objectContaining({
        id: defect.id,
        asset: expect.objectContaining({ id: assetId, asset_path: expect.any(String) }),
        profile: expect.objectContaining({ id: 1 }),
        type_display: 'Crack',
      }),
      geometry: null,
      geometry_extra: null,
      note: 'Crack here',
      created_by: sim.state.serviceAccountId,
      created_on: expect.any(String),
      updated_on: expect.any(String),
    })
    // The nesting stops on the defect side: its overlays name the defect by id, the media slim.
    expect(overlay.defect.overlays).toEqual([
      expect.objectContaining({
        id: overlay.id,
        defect: defect.id,
        media: expect.objectContaining({ id: media.id, project: projectId }),
        created_by: expect.objectContaining({ id: sim.state.serviceAccountId }),
        note: 'Crack here',
      }),
    ])
    expect(overlay.defect.overlays[0].media).not.toHaveProperty('overlays')
    expect(sim.state.overlaysOf(media.id).map((record) => record.defect)).toEqual([defect.id])

    const logged = sim.requestLog.filter(
      (entry) => entry.method === 'POST' && entry.path === overlaysPath(media.id),
    )
    expect(logged.at(-1)).toMatchObject({
      status: 200,
      body: { defect: defect.id, note: 'Crack here' },
    })
  })

  it('shows the overlay on the media (retrieve and list) and on the defect (retrieve and list)', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    await api.post(overlaysPath(media.id), {
      defect: defect.id,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [0, 0],
          [40, 0],
          [40, 30],
        ],
      },
    })

    const retrieved = await api.get(`/api/inspection-media/${media.id}/`)
    expect(retrieved.body.overlays.map((o: Loose) => o.defect.id)).toEqual([defect.id])
    expect(retrieved.body.overlays[0].geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [0, 0],
        [40, 0],
        [40, 30],
      ],
    })
    const listed = await api.get(`/api/inspection-media/?project=${projectId}&limit=1000`)
    const item = listed.body.results.find((row: Loose) => row.id === media.id)
    expect(item.overlays.map((o: Loose) => o.defect.id)).toEqual([defect.id])

    const detail = await api.get(`/api/defects/${defect.id}/`)
    expect(detail.body.overlays.map((o: Loose) => o.media.id)).toEqual([media.id])
    const defects = await api.get(`/api/defects/?project=${projectId}&limit=1000`)
    const row = defects.body.results.find((entry: Loose) => entry.id === defect.id)
    expect(row.overlays).toEqual([
      expect.objectContaining({
        defect: defect.id,
        media: expect.objectContaining({ id: media.id }),
      }),
    ])
  })

  it('filters media by defect', async () => {
    const [first, second, other] = [await newMedia(), await newMedia(), await newMedia()]
    const defect = await newDefect()
    const unrelated = await newDefect()
    await api.post(overlaysPath(first.id), { defect: defect.id })
    await api.post(overlaysPath(second.id), { defect: defect.id })
    await api.post(overlaysPath(other.id), { defect: unrelated.id })

    const found = await api.get(`/api/inspection-media/?defect=${defect.id}`)
    expect(found.status).toBe(200)
    expect(found.body.results.map((row: Loose) => row.id)).toEqual([first.id, second.id])
    const none = await newDefect()
    expect((await api.get(`/api/inspection-media/?defect=${none.id}`)).body.count).toBe(0)
    const missing = await api.get('/api/inspection-media/?defect=999999')
    expect(missing.status).toBe(400)
    expect(missing.body).toEqual({
      defect: ['Select a valid choice. That choice is not one of the available choices.'],
    })
  })

  it('creates a new finding from a nested defect object', async () => {
    const media = await newMedia()
    const answer = await api.post(overlaysPath(media.id), {
      defect: { asset_id: assetId, profile_id: 1, project: projectId, severity: 3 },
    })
    expect(answer.status).toBe(200)
    const made = answer.body.overlays[0].defect
    expect(made).toMatchObject({ severity: 3, project: projectId, state: 'PENDING' })
    expect(sim.state.tables.defects.get(made.id)).toBeDefined()

    const invalid = await api.post(overlaysPath(media.id), { defect: { profile_id: 1 } })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toEqual({ defect: { asset_id: ['This field is required.'] } })
  })
})

describe('refusals', () => {
  it('answers a missing defect with a field error and a missing media with 404', async () => {
    const media = await newMedia()
    const unknown = await api.post(overlaysPath(media.id), { defect: 999999, note: 'x' })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toEqual({ defect: ['Invalid pk "999999" - object does not exist.'] })
    const absent = await api.post(overlaysPath(media.id), { note: 'x' })
    expect(absent.body).toEqual({ defect: ['This field is required.'] })
    const wrongType = await api.post(overlaysPath(media.id), { defect: 'abc' })
    expect(wrongType.body).toEqual({
      defect: ['Incorrect type. Expected pk value, received str.'],
    })

    const defect = await newDefect()
    const noMedia = await api.post(overlaysPath(999999), { defect: defect.id })
    expect(noMedia.status).toBe(404)
    expect(noMedia.body).toEqual({ detail: 'Not found.' })
    expect(sim.state.overlaysOf(media.id)).toEqual([])
  })

  it('refuses to draw a locked finding of a published project', async () => {
    const locked = sim.state.tables.defects
      .all()
      .find((defect) => sim.state.tables.projects.get(defect.project ?? 0)?.status === 'PUBLISHED')!
    const media = await newMedia()
    const answer = await api.post(overlaysPath(media.id), { defect: locked.id })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      non_field_errors: [
        'Source project has been published, Finding details cannot not be altered',
      ],
    })
    expect(sim.state.overlaysOf(media.id)).toEqual([])
  })

  it('needs defect_edit (setting)', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    sim.configure({ settings: { deniedPermissions: ['defect_edit'] } })
    try {
      const answer = await api.post(overlaysPath(media.id), { defect: defect.id })
      expect(answer.status).toBe(403)
    } finally {
      sim.configure({ settings: { deniedPermissions: [] } })
    }
  })
})

describe('editing an overlay', () => {
  it('edits the overlay the body names by id; an unknown id is a 404', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    const added = await api.post(overlaysPath(media.id), { defect: defect.id, note: 'first' })
    const overlayId = added.body.overlays[0].id

    const edited = await api.patch(overlaysPath(media.id), {
      id: overlayId,
      note: 'second',
      geometry: [1, 2, 3],
    })
    expect(edited.status).toBe(200)
    expect(edited.body.overlays).toEqual([
      expect.objectContaining({ id: overlayId, note: 'second', geometry: [1, 2, 3] }),
    ])
    expect(sim.state.tables.overlays.get(overlayId)).toMatchObject({
      note: 'second',
      defect: defect.id,
    })

    const other = await newMedia()
    const elsewhere = await api.patch(overlaysPath(other.id), { id: overlayId, note: 'x' })
    expect(elsewhere.status).toBe(404)
    const withoutId = await api.patch(overlaysPath(media.id), { note: 'x' })
    expect(withoutId.status).toBe(400)
    expect(withoutId.body).toEqual({ defect: ['This field is required.'] })
  })
})

describe('deleting', () => {
  it('takes the overlays with a deleted media record or a deleted defect', async () => {
    const [photo, other] = [await newMedia(), await newMedia()]
    const [kept, doomed] = [await newDefect(), await newDefect()]
    await api.post(overlaysPath(photo.id), { defect: kept.id })
    await api.post(overlaysPath(other.id), { defect: kept.id })
    await api.post(overlaysPath(other.id), { defect: doomed.id })

    expect((await api.delete(`/api/defects/${doomed.id}/`)).status).toBe(204)
    const after = await api.get(`/api/inspection-media/${other.id}/`)
    expect(after.body.overlays.map((o: Loose) => o.defect.id)).toEqual([kept.id])

    expect((await api.delete(`/api/inspection-media/${photo.id}/`)).status).toBe(204)
    expect(sim.state.overlaysOf(photo.id)).toEqual([])
    const defect = await api.get(`/api/defects/${kept.id}/`)
    expect(defect.body.overlays.map((o: Loose) => o.media.id)).toEqual([other.id])
    const filtered = await api.get(`/api/inspection-media/?defect=${kept.id}`)
    expect(filtered.body.results.map((row: Loose) => row.id)).toEqual([other.id])
  })
})

describe('settings', () => {
  it('answers GET with 405 unless overlayListRoute serves a bare array', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    await api.post(overlaysPath(media.id), { defect: defect.id, note: 'listed' })

    const refused = await api.get(overlaysPath(media.id))
    expect(refused.status).toBe(405)
    expect(refused.body).toEqual({ detail: 'Method "GET" not allowed.' })
    expect(refused.headers.get('allow')).toBe('POST, PATCH, OPTIONS')

    sim.configure({ settings: { overlayListRoute: true } })
    try {
      const listed = await api.get(overlaysPath(media.id))
      expect(listed.status).toBe(200)
      expect(listed.body).toEqual([
        expect.objectContaining({ media: media.id, note: 'listed', defect: expect.any(Object) }),
      ])
      expect(listed.headers.get('allow')).toBe('GET, POST, PATCH, HEAD, OPTIONS')
    } finally {
      sim.configure({ settings: { overlayListRoute: false } })
    }
  })

  it('answers with the overlay alone under overlayWriteAnswer: overlay', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    sim.configure({ settings: { overlayWriteAnswer: 'overlay' } })
    try {
      const added = await api.post(overlaysPath(media.id), { defect: defect.id, note: 'n' })
      expect(added.status).toBe(201)
      expect(added.body).toMatchObject({
        media: media.id,
        defect: { id: defect.id },
        note: 'n',
      })
      const edited = await api.patch(overlaysPath(media.id), { id: added.body.id, note: 'm' })
      expect(edited.status).toBe(200)
      expect(edited.body).toMatchObject({ id: added.body.id, note: 'm' })
    } finally {
      sim.configure({ settings: { overlayWriteAnswer: 'media' } })
    }
  })

  it('takes only a nested defect object under overlayDefectInput: object', async () => {
    const media = await newMedia()
    const defect = await newDefect()
    sim.configure({ settings: { overlayDefectInput: 'object' } })
    try {
      const answer = await api.post(overlaysPath(media.id), { defect: defect.id })
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({
        defect: { non_field_errors: ['Invalid data. Expected a dictionary, but got int.'] },
      })
    } finally {
      sim.configure({ settings: { overlayDefectInput: 'id-or-object' } })
    }
  })
})
