import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, crawl, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient
const TOTAL = 230

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({
    seed: { assets: TOTAL },
    settings: { defaultPageSize: 50, maxPageSize: 100 },
  }))
})
afterAll(() => sim.stop())

describe('DRF limit/offset pagination', () => {
  it('wraps lists in {count, next, previous, results} with the default page size', async () => {
    const page = await api.get('/api/assets/')
    expect(page.status).toBe(200)
    expect(Object.keys(page.body).sort()).toEqual(['count', 'next', 'previous', 'results'])
    expect(page.body.count).toBe(TOTAL)
    expect(page.body.results).toHaveLength(50)
    expect(page.body.previous).toBeNull()
    expect(page.body.next).toBe(`${sim.baseUrl}/api/assets/?limit=50&offset=50`)
  })

  it('builds absolute next/previous URLs with the other parameters kept, sorted by name', async () => {
    const page = await api.get('/api/assets/?search=unit&offset=20&limit=10&is_active=true')
    expect(page.body.next).toBe(
      `${sim.baseUrl}/api/assets/?is_active=true&limit=10&offset=30&search=unit`,
    )
    expect(page.body.previous).toBe(
      `${sim.baseUrl}/api/assets/?is_active=true&limit=10&offset=10&search=unit`,
    )
  })

  it('drops offset from previous when it would reach 0 or below', async () => {
    const page = await api.get('/api/assets/?limit=10&offset=5')
    expect(page.body.previous).toBe(`${sim.baseUrl}/api/assets/?limit=10`)
    expect(page.body.results[0].id).toBe(6)
  })

  it('escapes values like Python’s quote_plus', async () => {
    const page = await api.get('/api/assets/?limit=1&search=Bayport%20Refinery')
    expect(page.body.next).toContain('search=Bayport+Refinery')
  })

  it('falls back to the default page size for a bad or zero limit, and caps a large one', async () => {
    for (const limit of ['abc', '0', '-5', '1.5']) {
      const page = await api.get(`/api/assets/?limit=${limit}`)
      expect(page.body.results).toHaveLength(50)
      expect(page.body.next).toBe(`${sim.baseUrl}/api/assets/?limit=50&offset=50`)
    }
    const capped = await api.get('/api/assets/?limit=5000')
    expect(capped.body.results).toHaveLength(100)
  })

  it('treats a bad or negative offset as 0', async () => {
    for (const offset of ['x', '-3']) {
      const page = await api.get(`/api/assets/?limit=5&offset=${offset}`)
      expect(page.body.results[0].id).toBe(1)
      expect(page.body.previous).toBeNull()
    }
  })

  it('gives an empty page, the real count and a previous link past the end', async () => {
    const page = await api.get('/api/assets/?limit=10&offset=1000')
    expect(page.body.results).toEqual([])
    expect(page.body.count).toBe(TOTAL)
    expect(page.body.next).toBeNull()
    expect(page.body.previous).toBe(`${sim.baseUrl}/api/assets/?limit=10&offset=990`)
  })

  it('has no next link on the last page', async () => {
    const page = await api.get(`/api/assets/?limit=30&offset=${TOTAL - 30}`)
    expect(page.body.results).toHaveLength(30)
    expect(page.body.next).toBeNull()
  })

  it('visits every row exactly once, in id order, when following next', async () => {
    const rows = await crawl(api, '/api/assets/?limit=37')
    const ids = rows.map((row) => row.id)
    expect(ids).toHaveLength(TOTAL)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(TOTAL)
  })
})
