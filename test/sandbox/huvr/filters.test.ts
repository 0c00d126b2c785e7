import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, crawl, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 300 } }))
})
afterAll(() => sim.stop())

const all = (path: string) => crawl(api, path)

describe('search', () => {
  it('matches every term, case-insensitively, in any search field', async () => {
    const rows = await all('/api/assets/?search=CRUDE%20unit&limit=500')
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const text = [row.name, row.description, row.asset_path].join(' ').toLowerCase()
      expect(text).toContain('crude')
      expect(text).toContain('unit')
    }
    const expected = sim.state.tables.assets
      .all()
      .filter((asset) =>
        ['crude', 'unit'].every((term) =>
          [asset.name, asset.external_id, asset.description, asset.serial_number, asset.asset_path]
            .join('\u0000')
            .toLowerCase()
            .includes(term),
        ),
      )
    expect(rows.map((row) => row.id)).toEqual(expected.map((asset) => asset.id))
  })
})

describe('ordering', () => {
  it('sorts ascending and descending, ties broken by id', async () => {
    const ascending = await all('/api/assets/?ordering=name&limit=500')
    const names = ascending.map((row) => row.name)
    const collator = new Intl.Collator('en')
    expect(names).toEqual([...names].sort(collator.compare))
    const descending = await all('/api/projects/?ordering=-updated_on&limit=500')
    const stamps = descending.map((row) => row.updated_on)
    expect(stamps).toEqual([...stamps].sort().reverse())
  })

  it('ignores unknown ordering fields and falls back to id order', async () => {
    const rows = await api.get('/api/assets/?ordering=not_a_field&limit=5')
    expect(rows.body.results.map((row: { id: number }) => row.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('accepts only the ordering fields the settings allow', async () => {
    sim.configure({ settings: { orderingFields: { assets: ['id'] } } })
    try {
      const rows = await api.get('/api/assets/?ordering=-name&limit=3')
      expect(rows.body.results.map((row: { id: number }) => row.id)).toEqual([1, 2, 3])
    } finally {
      sim.configure({ settings: { orderingFields: {} } })
    }
  })
})

describe('foreign-key filters', () => {
  it('filters assets by parent and projects by asset', async () => {
    const children = await all('/api/assets/?parent=2&limit=500')
    expect(children.length).toBeGreaterThan(0)
    expect(children.every((row) => row.parent?.id === 2)).toBe(true)
    const expected = sim.state.tables.assets.all().filter((asset) => asset.parent === 2)
    expect(children.map((row) => row.id)).toEqual(expected.map((asset) => asset.id))

    const project = sim.state.tables.projects.all()[0]!
    const projects = await all(`/api/projects/?asset=${project.asset}`)
    expect(projects.map((row) => row.asset_id)).toContain(project.asset)
    expect(projects.every((row) => row.asset_id === project.asset)).toBe(true)
  })

  it('rejects an id that does not exist with django-filter’s 400, or matches nothing (setting)', async () => {
    const rejected = await api.get('/api/assets/?parent=999999')
    expect(rejected.status).toBe(400)
    expect(rejected.body).toEqual({
      parent: ['Select a valid choice. That choice is not one of the available choices.'],
    })
    sim.configure({ settings: { invalidForeignKeyFilter: 'ignore' } })
    try {
      const ignored = await api.get('/api/assets/?parent=999999')
      expect(ignored.status).toBe(200)
      expect(ignored.body.count).toBe(0)
    } finally {
      sim.configure({ settings: { invalidForeignKeyFilter: 'reject' } })
    }
  })

  it('finds top-level assets and whole subtrees', async () => {
    const roots = await all('/api/assets/?no_parent=true&limit=500')
    expect(roots.every((row) => row.parent === null)).toBe(true)
    const site = roots[0]
    const below = await all(`/api/assets/?descendants=${site.id}&limit=500`)
    expect(below.length).toBeGreaterThan(0)
    expect(below.every((row) => row.asset_path.startsWith(`${site.asset_path}/`))).toBe(true)
  })

  it('reports an invalid choice on enumerated filters', async () => {
    const answer = await api.get('/api/projects/?status=DONE')
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      status: ['Select a valid choice. DONE is not one of the available choices.'],
    })
  })
})

describe('updated_on filters', () => {
  it('selects a range with updated_on_after / updated_on_before', async () => {
    const after = '2024-01-01T00:00:00Z'
    const before = '2024-06-30'
    const rows = await all(
      `/api/assets/?updated_on_after=${after}&updated_on_before=${before}&limit=500`,
    )
    const expected = sim.state.tables.assets
      .all()
      .filter(
        (asset) =>
          asset.updated_on >= '2024-01-01T00:00:00.000Z' &&
          asset.updated_on <= '2024-06-30T23:59:59.999Z',
      )
    expect(expected.length).toBeGreaterThan(0)
    expect(rows.map((row) => row.id)).toEqual(expected.map((asset) => asset.id))
  })

  it('matches a whole day with a bare date on updated_on', async () => {
    const sample = sim.state.tables.projects.all()[3]!
    const day = sample.updated_on.slice(0, 10)
    const rows = await all(`/api/projects/?updated_on=${day}&limit=500`)
    expect(rows.map((row) => row.id)).toContain(sample.id)
    expect(rows.every((row) => row.updated_on.startsWith(day))).toBe(true)
  })

  it('sees server-side edits', async () => {
    const since = new Date(Date.now() - 1000).toISOString()
    sim.state.edit('assets', 7, { description: 'Edited on the server' })
    const rows = await all(`/api/assets/?updated_on_after=${encodeURIComponent(since)}`)
    expect(rows.map((row) => row.id)).toEqual([7])
    expect(rows[0].description).toBe('Edited on the server')
  })

  it('uses the parameter names from the settings', async () => {
    sim.configure({
      settings: { updatedOnParams: { after: 'updated_on__gte', before: 'updated_on__lte' } },
    })
    try {
      const renamed = await api.get('/api/assets/?updated_on__gte=2030-01-01')
      expect(renamed.body.count).toBe(0)
      const old = await api.get('/api/assets/?updated_on_after=2030-01-01')
      expect(old.body.count).toBe(300) // an unknown parameter filters nothing
    } finally {
      sim.configure({
        settings: { updatedOnParams: { after: 'updated_on_after', before: 'updated_on_before' } },
      })
    }
  })

  it('rejects an unreadable date', async () => {
    const answer = await api.get('/api/assets/?updated_on_after=yesterday')
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ updated_on_after: ['Enter a valid date/time.'] })
  })
})
