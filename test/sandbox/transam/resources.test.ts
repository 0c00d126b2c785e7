import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningTransamSimulator, OBJECT_KEY_PATTERN } from '../../../src/sandbox/transam'
import { type ApiClient, apiClient, JSON_HEADERS, read, startSignedIn } from './helpers'

let sim: RunningTransamSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 120, documentsPerAsset: 1 } }))
})
afterAll(() => sim.stop())

function viewableAsset(offset = 0) {
  const viewable = new Set(sim.state.sandboxUser.viewable_organization_ids)
  return [...sim.state.assets.values()].filter((asset) => viewable.has(asset.organization_id))[
    offset
  ]!
}

function hiddenAsset() {
  const viewable = new Set(sim.state.sandboxUser.viewable_organization_ids)
  return [...sim.state.assets.values()].find((asset) => !viewable.has(asset.organization_id))!
}

describe('organizations', () => {
  it('lists viewable organizations as a bare array, planning partners left out', async () => {
    const answer = await api.get('/api/v1/organizations')
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['data', 'status'])
    expect(answer.body.status).toBe('success')
    expect(Array.isArray(answer.body.data)).toBe(true)
    expect(answer.body.data.map((org: { id: number }) => org.id)).toEqual([1, 2, 3])
    expect(Object.keys(answer.body.data[0])).toEqual([
      'id',
      'name',
      'short_name',
      'legal_name',
      'address1',
      'address2',
      'county',
      'city',
      'state',
      'zip',
      'phone',
      'url',
      'latitude',
      'longitude',
      'agency_office_address',
      'executive_director',
    ])
  })

  it('shows a viewable organization (planning partner too) and 404s the others', async () => {
    const shown = await api.get('/api/v1/organizations/5')
    expect(shown.body).toEqual({
      status: 'success',
      data: { organization: { id: 5, name: 'Tri-County Planning Commission', short_name: 'TCPC' } },
    })
    const hidden = await api.get('/api/v1/organizations/4')
    expect(hidden.status).toBe(404)
    expect(hidden.body).toEqual({ data: { id: 'Organization 4 not found.' }, status: 'fail' })
    expect((await api.get('/api/v1/organizations/1abc')).body.data.organization.id).toBe(1)
  })
})

describe('users', () => {
  it('finds any user by exact email', async () => {
    const other = [...sim.state.users.values()].find(
      (user) => user.active && user.organization_id === 4,
    )!
    const answer = await api.get(`/api/v1/users/profile?email=${encodeURIComponent(other.email)}`)
    expect(answer.status).toBe(200)
    expect(answer.body.data.user).toEqual({
      id: other.id,
      name: `${other.first_name} ${other.last_name}`,
      first_name: other.first_name,
      last_name: other.last_name,
      email: other.email,
      organization: { id: 4, name: 'Cedar Valley Paratransit', short_name: 'CVPT' },
      privileges: other.privileges,
    })
    const upper = await api.get(`/api/v1/users/profile?email=${other.email.toUpperCase()}`)
    expect(upper.status).toBe(404)
    expect(upper.body).toEqual({
      data: { email: `User ${other.email.toUpperCase()} not found.` },
      status: 'fail',
    })
  })

  it('lists the users of any organization, sorted by last name', async () => {
    const answer = await api.get('/api/v1/users?organization_id=4')
    expect(answer.status).toBe(200)
    expect(answer.body.data.organization).toEqual({
      id: 4,
      name: 'Cedar Valley Paratransit',
      short_name: 'CVPT',
    })
    const names = answer.body.data.users.map((user: { name: string }) => user.name.split(' ')[1])
    expect(names).toEqual([...names].sort())
    expect(Object.keys(answer.body.data.users[0])).toEqual(['id', 'name', 'email'])
    const missing = await api.get('/api/v1/users?organization_id=99')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      data: { organization: 'Organization 99 not found.' },
      status: 'fail',
    })
    expect((await api.get('/api/v1/users')).body.data.organization).toBe('Organization  not found.')
  })
})

describe('assets', () => {
  it('lists every viewable asset with a count and no pagination', async () => {
    const answer = await api.get('/api/v1/assets')
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['data', 'status'])
    const viewable = new Set(sim.state.sandboxUser.viewable_organization_ids)
    const expected = [...sim.state.assets.values()].filter((a) => viewable.has(a.organization_id))
    expect(answer.body.data.count).toBe(expected.length)
    expect(answer.body.data.assets).toHaveLength(expected.length)
    expect(answer.body.data.count).toBeLessThan(sim.state.assets.size)
    const first = answer.body.data.assets[0]
    expect(Object.keys(first)).toEqual(['object_key', 'description', 'organization'])
    expect(first.object_key).toMatch(OBJECT_KEY_PATTERN)
    expect(first.organization.executive_director).toBeTypeOf('object')
    expect(answer.headers.get('link')).toBeNull()
  })

  it('shows one asset in full', async () => {
    const asset = [...sim.state.assets.values()].find(
      (candidate) =>
        candidate.transam_assetible_type === 'RevenueVehicle' && candidate.organization_id === 1,
    )!
    const answer = await api.get(`/api/v1/assets/${asset.object_key}`)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['data', 'status'])
    const data = answer.body.data
    expect(Object.keys(data)).toEqual([
      'object_key',
      'asset_tag',
      'external_id',
      'description',
      'organization',
      'asset_subtype',
      'manufacturer',
      'manufacturer_model',
      'other_manufacturer_model',
      'manufacture_year',
      'purchase_cost',
      'purchase_date',
      'purchased_new',
      'in_service_date',
      'vendor',
      'quantity',
      'quantity_unit',
      'transam_assetible_type',
      'serial_number',
    ])
    expect(data.asset_tag).toMatch(/^(BUS|PT|LRV|CC)-\d{4}$/)
    expect(data.asset_subtype).toMatchObject({ asset_type: { id: expect.any(Number) } })
    expect(data.manufacturer).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      code: expect.any(String),
    })
    expect(data.in_service_date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(data.organization.id).toBe(1)
  })

  it('groups events under their type name with include_events=1', async () => {
    const asset = [...sim.state.assets.values()].find(
      (candidate) =>
        candidate.transam_assetible_type === 'RevenueVehicle' && candidate.organization_id === 1,
    )!
    const answer = await api.get(`/api/v1/assets/${asset.object_key}?include_events=1`)
    expect(Object.keys(answer.body.data.asset_events).sort()).toEqual([
      'Condition',
      'Service Status',
    ])
    expect(answer.body.data.asset_events.Condition[0].assessed_rating).toMatch(/^\d\.\d$/)
  })

  it('answers 404 with a message for unknown or hidden assets', async () => {
    const unknown = await api.get('/api/v1/assets/ZZZZ00000000')
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ message: 'Asset ZZZZ00000000 not found.', status: 'fail' })
    const hidden = hiddenAsset()
    expect((await api.get(`/api/v1/assets/${hidden.object_key}`)).status).toBe(404)
  })

  it('updates permitted fields with PATCH and PUT, dropping the rest', async () => {
    const asset = viewableAsset(3)
    const patched = await api.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: {
        description: 'Repainted in 2025 livery',
        external_id: 'X-1',
        object_key: 'HACKED',
        color: 'red',
      },
    })
    expect(patched.status).toBe(200)
    expect(Object.keys(patched.body)).toEqual(['data', 'status'])
    expect(patched.body.data.description).toBe('Repainted in 2025 livery')
    expect(patched.body.data.external_id).toBe('X-1')
    expect(patched.body.data.object_key).toBe(asset.object_key)
    const put = await api.put(`/api/v1/assets/${asset.object_key}`, {
      asset: {
        purchase_cost: '125000',
        purchased_new: 'false',
        in_service_date: asset.in_service_date,
      },
    })
    expect(put.status).toBe(200)
    expect(put.body.data.purchase_cost).toBe(125000)
    expect(put.body.data.purchased_new).toBe(false)
    expect((await api.get(`/api/v1/assets/${asset.object_key}`)).body.data.description).toBe(
      'Repainted in 2025 livery',
    )
  })

  it('records nested condition updates as events', async () => {
    const asset = viewableAsset(4)
    const before = sim.state.eventsOf(asset.id).length
    const answer = await api.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: {
        condition_updates_attributes: [
          { assessed_rating: 3.5, event_date: '2025-05-01' },
          { comments: 'no rating' },
        ],
      },
    })
    expect(answer.status).toBe(200)
    expect(sim.state.eventsOf(asset.id).length).toBe(before + 1)
  })

  it('answers 500 error envelopes for a missing root key, validation and authorization', async () => {
    const asset = viewableAsset(5)
    const missing = await api.patch(`/api/v1/assets/${asset.object_key}`, { description: 'x' })
    expect(missing.status).toBe(500)
    expect(Object.keys(missing.body)).toEqual(['message', 'data', 'status'])
    expect(missing.body).toMatchObject({
      message: 'param is missing or the value is empty: asset',
      data: { type: 'ActionController::ParameterMissing' },
      status: 'error',
    })
    expect((await api.patch(`/api/v1/assets/${asset.object_key}`, { asset: {} })).status).toBe(500)

    const invalid = await api.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: { asset_tag: '', purchase_cost: -5 },
    })
    expect(invalid.status).toBe(500)
    expect(invalid.body.data.type).toBe('ActiveRecord::RecordInvalid')
    expect(invalid.body.message).toBe(
      "Validation failed: Asset tag can't be blank, Purchase cost must be greater than or equal to 0",
    )
    expect(sim.state.assetByKey(asset.object_key)!.asset_tag).toBe(asset.asset_tag)

    const other = viewableAsset(6)
    const taken = await api.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: { asset_tag: other.asset_tag, organization_id: other.organization_id },
    })
    expect(taken.body.message).toBe('Validation failed: Asset tag has already been taken')

    const dates = await api.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: { purchase_date: '2020-02-01', in_service_date: '2020-01-01' },
    })
    expect(dates.body.message).toBe(
      'Validation failed: In service date should be on or after purchase date',
    )

    for (const key of ['ZZZZ00000000', hiddenAsset().object_key]) {
      const denied = await api.patch(`/api/v1/assets/${key}`, { asset: { description: 'x' } })
      expect(denied.status).toBe(500)
      expect(denied.body).toMatchObject({
        message: 'You are not authorized to access this page.',
        data: { type: 'CanCan::AccessDenied' },
        status: 'error',
      })
    }
  })

  it('refuses updates from a user without the privilege', async () => {
    const guest = [...sim.state.users.values()].find(
      (user) => user.active && !user.can_update_assets && user.organization_id === 1,
    )!
    const guestApi = apiClient(sim, guest.authentication_token, guest.email)
    const asset = [...sim.state.assets.values()].find(
      (candidate) => candidate.organization_id === 1,
    )!
    const denied = await guestApi.patch(`/api/v1/assets/${asset.object_key}`, {
      asset: { description: 'x' },
    })
    expect(denied.status).toBe(500)
    expect(denied.body.data.type).toBe('CanCan::AccessDenied')
  })

  it('wraps a bare JSON body into asset when wrap_parameters is on', async () => {
    const asset = viewableAsset(7)
    sim.configure({ settings: { wrapParameters: true } })
    try {
      const answer = await api.patch(`/api/v1/assets/${asset.object_key}`, {
        description: 'Wrapped',
      })
      expect(answer.status).toBe(200)
      expect(answer.body.data.description).toBe('Wrapped')
    } finally {
      sim.configure({ settings: { wrapParameters: false } })
    }
  })
})

describe('filter', () => {
  it('answers {data: {count, assets}} with no status key', async () => {
    const answer = await api.post('/api/v1/assets/filter', {
      query: { filters: [{ query_field_id: 3, op: 'like', value: 'BUS-' }] },
    })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['data'])
    expect(answer.body.data.count).toBe(answer.body.data.assets.length)
    expect(answer.body.data.count).toBeGreaterThan(0)
    for (const asset of answer.body.data.assets) expect(asset.asset_tag).toMatch(/^BUS-/)
  })

  it('intersects orgs with the viewable ones, as Ruby does (strings never match ids)', async () => {
    const filters = [{ query_field_id: 6, op: '=', value: '1' }]
    const org2 = await api.post('/api/v1/assets/filter', { query: { filters, orgs: [2] } })
    expect(org2.body.data.count).toBeGreaterThan(0)
    for (const asset of org2.body.data.assets) expect(asset.organization.id).toBe(2)
    const hidden = await api.post('/api/v1/assets/filter', { query: { filters, orgs: [4] } })
    expect(hidden.body.data.count).toBe(0)
    const strings = await api.post('/api/v1/assets/filter', { query: { filters, orgs: ['2'] } })
    expect(strings.body.data.count).toBe(0)
    const summary = await api.post('/api/v1/assets/filter?summary_only=1', {
      query: { filters, orgs: [2] },
    })
    expect(Object.keys(summary.body.data.assets[0])).toEqual([
      'object_key',
      'description',
      'organization',
    ])
  })

  it('answers 500s for a missing query or filters, and lists its query fields', async () => {
    const noQuery = await api.post('/api/v1/assets/filter', {})
    expect(noQuery.status).toBe(500)
    expect(noQuery.body.message).toBe('param is missing or the value is empty: query')
    const noFilters = await api.post('/api/v1/assets/filter', { query: { orgs: [1] } })
    expect(noFilters.body.message).toBe("undefined method `map!' for nil:NilClass")
    const fields = await api.get('/api/v1/query_fields')
    expect(fields.body.status).toBe('success')
    expect(fields.body.data.map((field: { name: string }) => field.name)).toContain('serial_number')
  })
})

describe('legacy pagination (api-pagination)', () => {
  it('sends Link, Total and Per-Page and pages the JSend body', async () => {
    sim.configure({ settings: { assetsIndex: 'legacy-paginated' } })
    try {
      const all = await api.get('/api/v1/assets?format=json&per_page=10&page=2&sort=asc')
      expect(all.status).toBe(200)
      expect(all.body.status).toBe('success')
      expect(all.body.data.assets).toHaveLength(10)
      expect(Object.keys(all.body.data.assets[0])).toEqual([
        'object_key',
        'transam_assetible_type',
        'organization_id',
        'asset_subtype_id',
        'asset_tag',
      ])
      const total = Number(all.headers.get('total'))
      const last = Math.ceil(total / 10)
      expect(all.headers.get('per-page')).toBe('10')
      const base = `${sim.baseUrl}/api/v1/assets`
      expect(all.headers.get('link')).toBe(
        [
          `<${base}?format=json&page=1&per_page=10&sort=asc>; rel="first"`,
          `<${base}?format=json&page=1&per_page=10&sort=asc>; rel="prev"`,
          `<${base}?format=json&page=${last}&per_page=10&sort=asc>; rel="last"`,
          `<${base}?format=json&page=3&per_page=10&sort=asc>; rel="next"`,
        ].join(', '),
      )
      const first = await api.get('/api/v1/assets')
      expect(first.headers.get('per-page')).toBe('25')
      expect(first.headers.get('link')).not.toContain('rel="prev"')
      const lastPage = await api.get(`/api/v1/assets?per_page=10&page=${last}`)
      expect(lastPage.headers.get('link')).not.toContain('rel="next"')
    } finally {
      sim.configure({ settings: { assetsIndex: 'all' } })
    }
  })
})

describe('JSend quirks and Rails routing', () => {
  it('answers malformed JSON with a 400 fail (or a 500 error without the middleware)', async () => {
    const bad = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{"email": ',
    }).then(read)
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      data: {
        request: 'There was a problem in the JSON you submitted.',
        error: expect.stringContaining('unexpected token'),
      },
      status: 'fail',
    })
    sim.configure({ settings: { malformedJson: 'error-500' } })
    try {
      const broken = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{oops',
      }).then(read)
      expect(broken.status).toBe(500)
      expect(broken.body.data.type).toBe('ActionDispatch::Http::Parameters::ParseError')
    } finally {
      sim.configure({ settings: { malformedJson: 'fail-400' } })
    }
  })

  it('answers unparsable parameters with a 500 error envelope', async () => {
    const badQuery = await api.get('/api/v1/users/profile?email=%E0%A4%A')
    expect(badQuery.status).toBe(500)
    expect(badQuery.body.data.type).toBe('ActionController::BadRequest')
    const clash = await api.get('/api/v1/users?organization_id=1&organization_id[]=2')
    expect(clash.status).toBe(500)
    expect(clash.body.message).toContain('expected Array (got String)')
  })

  it('serves unknown routes and wrong methods with Rails’ HTML 404', async () => {
    const unknown = await api.get('/api/v1/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toContain('text/html')
    expect(unknown.text).toContain("The page you were looking for doesn't exist")
    expect((await api.delete(`/api/v1/assets/${viewableAsset().object_key}`)).status).toBe(404)
    expect((await api.post('/api/v1/organizations', {})).status).toBe(404)
  })

  it('ignores a trailing slash, honours a .json suffix and answers conditional GETs', async () => {
    expect((await api.get('/api/v1/organizations/')).status).toBe(200)
    const key = viewableAsset().object_key
    const suffixed = await api.get(`/api/v1/assets/${key}.json`)
    expect(suffixed.body.data.object_key).toBe(key)
    const etag = suffixed.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/)
    const again = await api.get(`/api/v1/assets/${key}.json`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    // GET /assets/filter is assets#show with id "filter".
    expect((await api.get('/api/v1/assets/filter')).body).toEqual({
      message: 'Asset filter not found.',
      status: 'fail',
    })
  })
})
