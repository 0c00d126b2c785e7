import { describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core/create-core'
import { createTestCore, rpc } from '../support/core'

function seed(core: Core) {
  const db = core.db!
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('h', 'huvr', 'HUVR', 'u', 0), ('t', 'transam', 'TransAM', 'u', 0)",
  ).run()
  const huvr = db.prepare(
    "INSERT INTO huvr_assets (connection_id, remote_id, name, external_id, serial_number, asset_path, data, synced_at) VALUES ('h', ?, ?, ?, ?, ?, '{}', 0)",
  )
  huvr.run(1, 'BUS-1042', null, null, 'Depot/BUS-1042')
  huvr.run(2, 'Rail car 7', 'EXT-77', null, 'Yard/Rail car 7')
  huvr.run(3, 'Compressor C-3', null, 'SN-9001', 'Garage/Compressor C-3')
  huvr.run(4, 'Unrelated pump', 'EXT-1', 'SN-1', 'Plant/Unrelated pump')
  const transam = db.prepare(
    "INSERT INTO transam_assets (connection_id, remote_id, description, asset_tag, external_id, serial_number, data, synced_at) VALUES ('t', ?, ?, ?, ?, ?, '{}', 0)",
  )
  transam.run('A00000000001', '40ft bus', 'bus-1042', null, null)
  transam.run('A00000000002', 'Light rail vehicle', 'LRV-7', 'EXT-77', null)
  transam.run('A00000000003', 'Shop compressor', 'EQ-3', null, 'sn-9001')
  transam.run('A00000000004', 'Something else', 'EQ-99', 'EXT-99', 'SN-99')
  transam.run('A00000000005', 'Empty values', '', '', '')
}

describe('link suggestions between HUVR and TransAM assets', () => {
  it('suggests every matching pair with its reason, case-insensitively, and no unrelated pair', async () => {
    const core = createTestCore()
    seed(core)
    const result = await rpc(core).call('links.suggestions', {})
    if (!result.ok) throw new Error(result.error.message)
    const pairs = result.value.map((s) => [s.huvr.id, s.transam.key, s.reasons])
    expect(pairs).toEqual(
      expect.arrayContaining([
        [1, 'A00000000001', ["TransAM asset tag bus-1042 is the HUVR asset's name"]],
        [2, 'A00000000002', ['Both have external id EXT-77']],
        [3, 'A00000000003', ['Both have serial number sn-9001']],
      ]),
    )
    expect(result.value).toHaveLength(3)
    core.close()
  })

  it('forgets a rejected pair, shows a confirmed one on both asset pages, and can undo either', async () => {
    const core = createTestCore()
    seed(core)
    const client = rpc(core)
    const bus = {
      huvrConnectionId: 'h',
      huvrId: 1,
      transamConnectionId: 't',
      transamKey: 'A00000000001',
    }
    const rail = {
      huvrConnectionId: 'h',
      huvrId: 2,
      transamConnectionId: 't',
      transamKey: 'A00000000002',
    }
    expect(await client.call('links.decide', { ...bus, decision: 'confirmed' })).toEqual({
      ok: true,
      value: null,
    })
    expect(await client.call('links.decide', { ...rail, decision: 'rejected' })).toEqual({
      ok: true,
      value: null,
    })

    const left = await client.call('links.suggestions', {})
    expect(left.ok && left.value.map((s) => s.huvr.id)).toEqual([3])
    const huvrPage = await client.call('assets.get', { connectionId: 'h', id: 1 })
    expect(huvrPage.ok && huvrPage.value.linkedTransam.map((l) => l.asset.key)).toEqual([
      'A00000000001',
    ])
    const transamPage = await client.call('transam.assets.get', {
      connectionId: 't',
      key: 'A00000000001',
    })
    expect(transamPage.ok && transamPage.value.linkedHuvr.map((l) => l.asset.id)).toEqual([1])
    const unified = await client.call('assets.search', { query: 'bus' })
    expect(
      unified.ok &&
        unified.value.rows
          .filter((row) => row.linked)
          .map((row) => row.source)
          .sort(),
    ).toEqual(['huvr', 'transam'])
    expect(
      core.db!.prepare('SELECT reasons FROM asset_links WHERE huvr_id = 1').pluck().get(),
    ).toContain('bus-1042')

    await client.call('links.decide', { ...rail, decision: 'undecided' })
    const again = await client.call('links.suggestions', {})
    expect(again.ok && again.value.map((s) => s.huvr.id).sort()).toEqual([2, 3])
    core.close()
  })

  it('lists both systems in one name order, and filters by source', async () => {
    const core = createTestCore()
    seed(core)
    const all = await rpc(core).call('assets.search', { limit: 50 })
    if (!all.ok) throw new Error(all.error.message)
    expect(all.value.total).toBe(9)
    const names = all.value.rows.map((row) => row.name.toLowerCase())
    expect(names).toEqual([...names].sort())
    const onlyTransam = await rpc(core).call('assets.search', { source: 'transam' })
    expect(onlyTransam.ok && onlyTransam.value.rows.every((row) => row.source === 'transam')).toBe(
      true,
    )
    const hierarchy = await rpc(core).call('assets.search', { parentId: null })
    expect(hierarchy.ok && hierarchy.value.rows.every((row) => row.source === 'huvr')).toBe(true)
    core.close()
  })
})
