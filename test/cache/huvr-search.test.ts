import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertIndexUsed } from '../../src/main/db/query-plan'
import { buildSearch } from '../../src/main/cache/search'
import type { Params } from '../../src/shared/rpc/contract'
import { rpc } from '../support/core'
import { startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair
beforeAll(async () => {
  pair = await startHuvrPair({ seed: { assets: 1500 } })
  await pair.core.sync.run({})
})
afterAll(() => pair.stop())

async function searchAssets(params: Params<'assets.search'>) {
  const result = await rpc(pair.core).call('assets.search', params)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const serverAssets = () => pair.sim.state.tables.assets.all()

describe('asset search in the offline cache', () => {
  it('finds an asset by any part of its name, in any case', async () => {
    const target = serverAssets()[42]!
    const middle = target.name.slice(1, 6)
    const { rows, total } = await searchAssets({ query: middle.toUpperCase(), limit: 500 })
    expect(rows.map((row) => Number(row.key))).toContain(target.id)
    const expected = serverAssets().filter((asset) =>
      [asset.name, asset.description, asset.asset_path, asset.external_id].some((field) =>
        field?.toLowerCase().includes(middle.toLowerCase()),
      ),
    )
    expect(total).toBeGreaterThanOrEqual(expected.length)
  })

  it('requires every word, and matches short words against the name', async () => {
    const target = serverAssets().find((asset) => asset.name.includes(' '))!
    const [first, second] = target.name.split(' ')
    const { rows } = await searchAssets({ query: `${first} ${second!.slice(0, 2)}`, limit: 500 })
    expect(rows.map((row) => Number(row.key))).toContain(target.id)
    for (const row of rows)
      expect(row.name.toLowerCase()).toContain(second!.slice(0, 2).toLowerCase())
  })

  it('finds by external id and asset path too', async () => {
    const target = serverAssets().find((asset) => asset.external_id)!
    expect(
      (await searchAssets({ query: target.external_id! })).rows.map((row) => Number(row.key)),
    ).toContain(target.id)
  })

  it('filters by type and by parent, and lists top-level assets', async () => {
    const child = serverAssets().find((asset) => asset.parent !== null)!
    const siblings = serverAssets().filter((asset) => asset.parent === child.parent)
    const underParent = await searchAssets({ parentId: child.parent!, limit: 500 })
    expect(underParent.rows.map((row) => Number(row.key)).sort((a, b) => a - b)).toEqual(
      siblings.map((asset) => asset.id).sort((a, b) => a - b),
    )
    const topLevel = await searchAssets({ parentId: null, limit: 500 })
    expect(topLevel.total).toBe(serverAssets().filter((asset) => asset.parent === null).length)
    const types = await rpc(pair.core).call('assets.types', {})
    if (!types.ok) throw new Error(types.error.message)
    const type = types.value[0]!
    const ofType = await searchAssets({ type, limit: 500 })
    expect(ofType.rows.every((row) => row.typeName === type)).toBe(true)
    expect(ofType.total).toBeGreaterThan(0)
  })

  it('pages through results in a stable order', async () => {
    const all = await searchAssets({ limit: 500 })
    const second = await searchAssets({ offset: 100, limit: 100 })
    expect(second.rows).toEqual(all.rows.slice(100, 200))
    expect(all.total).toBe(1500)
  })

  it('takes quotes and FTS operators in what is typed as plain text', async () => {
    for (const query of ['"', 'NEAR(a b)', 'tank OR', '*', "o'brien", 'a AND']) {
      const result = await rpc(pair.core).call('assets.search', { query })
      expect(result.ok).toBe(true)
    }
    expect(buildSearch('say "hi" there')).toEqual({
      match: '"say" AND """hi""" AND "there"',
      shortTerms: [],
    })
  })

  it('lists and filters through indexes rather than scanning', () => {
    const db = pair.core.db!
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_assets a ORDER BY a.name COLLATE NOCASE, a.local_id LIMIT 100',
      'huvr_assets_by_name',
    )
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_assets a WHERE a.type_name = ? ORDER BY a.name COLLATE NOCASE LIMIT 100',
      'huvr_assets_by_type',
      ['Tank'],
    )
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_assets a WHERE a.connection_id = ? AND a.parent_id = ?',
      'huvr_assets_by_parent',
      ['c', 1],
    )
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_projects p WHERE p.connection_id = ? AND p.asset_id = ?',
      'huvr_projects_by_asset',
      ['c', 1],
    )
  })
})
