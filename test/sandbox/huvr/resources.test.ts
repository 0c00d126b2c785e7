import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, read, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient
let token: string

beforeAll(async () => {
  ;({ sim, api, token } = await startSignedIn({ seed: { assets: 120 } }))
})
afterAll(() => sim.stop())

describe('assets', () => {
  it('creates with 201 and answers with the nested detail shape', async () => {
    const answer = await api.post('/api/assets/', {
      name: 'V-9001',
      type: 3,
      parent: 2,
      serial_number: 'SN-1',
      geo_point: [29.7, -95.2],
      installed_on: '2001-05-04',
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      name: 'V-9001',
      type: { id: 3, name: 'Pressure Vessel' },
      parent: { id: 2 },
      asset_path: `${sim.state.tables.assets.get(2)!.asset_path}/V-9001`,
      is_active: true,
      project_count: 0,
    })
    expect(Number.isInteger(answer.body.id)).toBe(true)
    expect(sim.state.tables.assets.get(answer.body.id)?.serial_number).toBe('SN-1')
  })

  it('PATCH answers with the flat write shape, PUT with the nested detail', async () => {
    const { body: asset } = await api.post('/api/assets/', { name: 'P-1', type: 7, parent: 2 })
    const patched = await api.patch(`/api/assets/${asset.id}/`, { model: 'X200', parent: 3 })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      id: asset.id,
      model: 'X200',
      parent: 3,
      type: 7,
      owner: null,
    })
    expect(patched.body).not.toHaveProperty('project_count')

    const put = await api.put(`/api/assets/${asset.id}/`, { name: 'P-1A', type: 1 })
    expect(put.status).toBe(200)
    // The type is read-only on updates: `type: 1` was ignored.
    expect(put.body.type).toMatchObject({ id: 7, name: 'Pump' })
    expect(put.body.parent).toMatchObject({ id: 3 })
    expect(put.body.asset_path.endsWith('/P-1A')).toBe(true)
  })

  it('keeps sub-asset paths right when a parent is renamed', async () => {
    const { body: parent } = await api.post('/api/assets/', { name: 'Area X', type: 2, parent: 1 })
    const { body: child } = await api.post('/api/assets/', {
      name: 'T-1',
      type: 5,
      parent: parent.id,
    })
    await api.patch(`/api/assets/${parent.id}/`, { name: 'Area Y' })
    const reread = await api.get(`/api/assets/${child.id}/`)
    expect(reread.body.asset_path).toBe(`${sim.state.tables.assets.get(1)!.name}/Area Y/T-1`)
    expect(reread.body.asset_path_object.map((step: { name: string }) => step.name)).toEqual([
      sim.state.tables.assets.get(1)!.name,
      'Area Y',
      'T-1',
    ])
  })

  it('stamps updated_on on every change', async () => {
    const before = sim.state.tables.assets.get(5)!.updated_on
    const patched = await api.patch('/api/assets/5/', { description: 'Touched' })
    const after = await api.get('/api/assets/5/')
    expect(after.body.updated_on > before).toBe(true)
    expect(patched.body.description).toBe('Touched')
  })

  it('deletes with 204 and no body, then answers 404', async () => {
    const { body: asset } = await api.post('/api/assets/', { name: 'Temp', type: 7 })
    const answer = await api.delete(`/api/assets/${asset.id}/`)
    expect(answer.status).toBe(204)
    expect(answer.body).toBe('')
    expect((await api.get(`/api/assets/${asset.id}/`)).body).toEqual({ detail: 'Not found.' })
  })
})

describe('validation errors', () => {
  it('lists every failing field with DRF messages', async () => {
    const answer = await api.post('/api/assets/', {
      parent: 999999,
      owner: 'acme',
      installed_on: '2020-13-01',
      geo_point: [1],
      name: '   ',
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      name: ['This field may not be blank.'],
      type: ['This field is required.'],
      parent: ['Invalid pk "999999" - object does not exist.'],
      owner: ['Incorrect type. Expected pk value, received str.'],
      installed_on: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      geo_point: ['Ensure this field has at least 2 elements.'],
    })
  })

  it('rejects a body that is not an object, or not JSON', async () => {
    const list = await api.post('/api/projects/', [1, 2])
    expect(list.status).toBe(400)
    expect(list.body).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    })
    const broken = await api.call('POST', '/api/projects/', undefined, {
      'content-type': 'application/json',
    })
    expect(broken.status).toBe(400) // empty body: every required field missing
    const garbage = await fetch(`${sim.baseUrl}/api/projects/`, {
      method: 'POST',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: '{"name":',
    }).then(read)
    expect(garbage.status).toBe(400)
    expect(garbage.body.detail).toMatch(/^JSON parse error - /)
  })

  it('refuses to move an asset below itself', async () => {
    const child = sim.state.children(1)[0]!
    const answer = await api.patch('/api/assets/1/', { parent: child })
    expect(answer.status).toBe(400)
    expect(answer.body).toHaveProperty('parent')
  })
})

describe('projects', () => {
  it('creates (201, detail), patches (flat) and puts (detail), recording status changes', async () => {
    const created = await api.post('/api/projects/', {
      name: 'Drone survey',
      type: 4,
      asset: 3,
      crews: [1],
      start: '2026-03-01',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Drone survey',
      status: 'INITIALIZED',
      asset: { id: 3 },
      type: { id: 4, name: 'Drone Visual Survey' },
    })
    expect(Array.isArray(created.body.checklist_instances)).toBe(true)

    const patched = await api.patch(`/api/projects/${created.body.id}/`, { status: 'IN_PROGRESS' })
    expect(patched.body).toMatchObject({ asset: 3, type: 4, crews: [1], status: 'IN_PROGRESS' })

    const put = await api.put(`/api/projects/${created.body.id}/`, {
      name: 'Drone survey (rev)',
      type: 4,
      asset: 3,
    })
    expect(put.body.asset).toMatchObject({ id: 3, asset_path: expect.any(String) })
    expect(put.body.status_history.map((entry: { status: string }) => entry.status)).toEqual([
      'INITIALIZED',
      'IN_PROGRESS',
    ])
  })

  it('changes status through the status endpoint', async () => {
    const answer = await api.post('/api/projects/2/status/', { status: 'ASSIGNED', note: 'Crew A' })
    expect(answer.status).toBe(200)
    expect(answer.body.status).toBe('ASSIGNED')
    expect(answer.body.status_history.at(-1)).toMatchObject({ status: 'ASSIGNED', note: 'Crew A' })
  })

  it('answers 403 when the service account lacks the permission (setting)', async () => {
    sim.configure({ settings: { deniedPermissions: ['project_delete'] } })
    try {
      const answer = await api.delete('/api/projects/1/')
      expect(answer.status).toBe(403)
      expect(answer.body).toEqual({ detail: 'You do not have permission to perform this action.' })
    } finally {
      sim.configure({ settings: { deniedPermissions: [] } })
    }
  })
})

describe('checklists, defects, measurements', () => {
  it('creates a checklist and stores each edit as a revision', async () => {
    const created = await api.post('/api/checklists/', {
      template_id: 1,
      uploaded_by: 1,
      project: 4,
      edit: { general: { weather: 'Rain' } },
    })
    expect(created.status).toBe(201)
    expect(created.body.results).toEqual({ general: { weather: { value: 'Rain', notes: null } } })
    expect(created.body.template.sections.length).toBeGreaterThan(0)
    const edited = await api.post(`/api/checklists/${created.body.id}/edit/`, {
      edit: { general: { ambient_temp: { value: 71, notes: 'shade' } } },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.results.general).toEqual({
      weather: { value: 'Rain', notes: null },
      ambient_temp: { value: 71, notes: 'shade' },
    })
    expect(edited.body.progress.answered).toBe(2)
    const revisions = await api.get(`/api/checklists/${created.body.id}/revisions/`)
    expect(revisions.body).toHaveLength(2)
  })

  it('answers a defect create and PATCH with the flat shape, GET and PUT nested', async () => {
    const created = await api.post('/api/defects/', {
      asset_id: 3,
      profile_id: 1,
      severity: 3,
      type: 'CRACK',
      state: 'OPEN',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      asset: 3,
      asset_id: 3,
      profile: 1,
      severity_display: 'High',
      type_display: 'Crack',
    })
    const patched = await api.patch(`/api/defects/${created.body.id}/`, {
      state: 'REPAIR',
      note: 'Scheduled',
    })
    expect(patched.body).toMatchObject({ asset: 3, state: 'REPAIR' })
    const detail = await api.get(`/api/defects/${created.body.id}/`)
    expect(detail.body.asset).toMatchObject({ id: 3 })
    expect(detail.body.profile).toMatchObject({ id: 1, name: expect.any(String) })
    expect(detail.body.history.at(-1)).toMatchObject({ state: 'REPAIR', note: 'Scheduled' })
  })

  it('locks the findings of a published project', async () => {
    const published = sim.state.tables.defects
      .all()
      .find((defect) => sim.state.tables.projects.get(defect.project ?? 0)?.status === 'PUBLISHED')!
    const answer = await api.patch(`/api/defects/${published.id}/`, { severity: 1 })
    expect(answer.status).toBe(400)
    expect(answer.body).toHaveProperty('non_field_errors')
  })

  it('records a UT thickness reading on a CML', async () => {
    const cml = sim.state.tables.cmls.all()[0]!
    const created = await api.post('/api/measurements/', {
      cml: cml.id,
      value: 0.311,
      units: 'in',
      type: 'UT_PIPE',
      state: 'ACTIVE',
      collected_on: '2026-02-01T10:00:00+01:00',
    })
    expect(created.status).toBe(201)
    expect(created.body.cml).toMatchObject({ id: cml.id, name: cml.name })
    expect(created.body.collected_on).toBe('2026-02-01T09:00:00.000Z')
    expect(created.body.cml.measurements_summary.last).toMatchObject({ value: 0.311 })
    const patched = await api.patch(`/api/measurements/${created.body.id}/`, { value: 0.309 })
    expect(patched.body).toMatchObject({ cml: cml.id, value: 0.309 })
    const list = await api.get(`/api/measurements/?cml=${cml.id}`)
    expect(list.body.results.at(-1).cml).toMatchObject({ id: cml.id, asset: { id: cml.asset } })
  })
})
