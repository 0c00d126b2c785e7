import { describe, expect, it } from 'vitest'
import { generateHuvrState } from '../../../src/sandbox/huvr'
import {
  generateTransamState,
  huvrMirrorCandidates,
  OBJECT_KEY_PATTERN,
  type TransamState,
} from '../../../src/sandbox/transam'

function snapshot(state: TransamState): string {
  return JSON.stringify({
    organizations: [...state.organizations.values()],
    users: [...state.users.values()],
    assets: [...state.assets.values()],
    events: [...state.events.values()],
    documents: [...state.documents.values()],
    objects: [...state.objects.keys()],
    pairs: state.mirrorPairs,
  })
}

const huvrAssets = generateHuvrState().tables.assets.all()
const mirrorOf = huvrMirrorCandidates(huvrAssets, 30)

/**
 * What a link suggester compares, case-insensitively: asset tag ↔ HUVR name or external_id,
 * external_id ↔ external_id, serial ↔ serial.
 */
function linkCandidates(state: TransamState) {
  const index = (pick: (asset: (typeof huvrAssets)[number]) => string | null) => {
    const map = new Map<string, number[]>()
    for (const asset of huvrAssets) {
      const value = pick(asset)?.toLowerCase()
      if (value) map.set(value, [...(map.get(value) ?? []), asset.id])
    }
    return map
  }
  const byName = index((asset) => asset.name)
  const byExternal = index((asset) => asset.external_id)
  const bySerial = index((asset) => asset.serial_number)
  const found: string[] = []
  for (const asset of state.assets.values()) {
    const tag = asset.asset_tag.toLowerCase()
    const hits = new Set([
      ...(byName.get(tag) ?? []),
      ...(byExternal.get(tag) ?? []),
      ...(byExternal.get(asset.external_id?.toLowerCase() ?? '') ?? []),
      ...(bySerial.get(asset.serial_number?.toLowerCase() ?? '') ?? []),
    ])
    for (const id of hits) found.push(`${asset.object_key}:${id}`)
  }
  return found.sort()
}

describe('seeded generator', () => {
  it('builds the same database for the same seed, field for field', () => {
    const first = snapshot(generateTransamState({ seed: 5, assets: 400, mirrorOf }))
    expect(snapshot(generateTransamState({ seed: 5, assets: 400, mirrorOf }))).toBe(first)
    expect(snapshot(generateTransamState({ seed: 6, assets: 400, mirrorOf }))).not.toBe(first)
  })

  it('seeds transit assets with unique keys, tags and serials, and documents', () => {
    const state = generateTransamState({ seed: 2, assets: 600 })
    const assets = [...state.assets.values()]
    expect(assets).toHaveLength(600)
    const keys = new Set([
      ...assets.map((a) => a.object_key),
      ...[...state.documents.values()].map((d) => d.object_key),
    ])
    expect(keys.size).toBe(assets.length + state.documents.size)
    for (const key of keys) expect(key).toMatch(OBJECT_KEY_PATTERN)
    expect(new Set(assets.map((a) => a.asset_tag)).size).toBe(600)
    const serials = assets.flatMap((a) => (a.serial_number === null ? [] : [a.serial_number]))
    expect(new Set(serials).size).toBe(serials.length)
    const tags = assets.map((a) => a.asset_tag)
    expect(tags.some((tag) => /^BUS-\d{4}$/.test(tag))).toBe(true)
    expect(tags.some((tag) => /^LRV-\d{4}$/.test(tag))).toBe(true)
    expect(tags.some((tag) => /^FAC-GAR-\d{2}$/.test(tag))).toBe(true)
    const vins = assets.filter(
      (a) => a.transam_assetible_type === 'RevenueVehicle' && /^(BUS|PT)-/.test(a.asset_tag),
    )
    for (const bus of vins) expect(bus.serial_number).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/)
    const manufacturers = new Set(
      assets.map((a) => state.manufacturers.get(a.manufacturer_id ?? 0)?.name),
    )
    expect(manufacturers).toContain('Gillig')
    expect(manufacturers).toContain('New Flyer')
    expect(state.documents.size).toBeGreaterThan(600)
    const names = [...state.documents.values()].map((d) => d.original_filename)
    expect(names.every((name) => name.endsWith('.pdf'))).toBe(true)
    expect(names.some((name) => /Maintenance_Manual\.pdf$/.test(name))).toBe(true)
    for (const asset of assets) {
      expect(asset.in_service_date! >= asset.purchase_date!).toBe(true)
      expect(state.assetSubtypes.has(asset.asset_subtype_id)).toBe(true)
    }
    expect(
      state
        .objectBytes([...state.documents.values()][0]!.storage_key)!
        .subarray(0, 8)
        .toString(),
    ).toBe('%PDF-1.4')
  })

  it('makes one twin per HUVR asset, matched on the stated field', () => {
    const state = generateTransamState({ seed: 1, assets: 300, mirrorOf })
    expect(state.mirrorPairs).toHaveLength(mirrorOf.length)
    expect(state.mirrorPairs.map((pair) => pair.huvr.name)).toEqual(mirrorOf.map((ref) => ref.name))
    const kinds = new Set(
      state.mirrorPairs.map((pair) => `${pair.match.transamField}=${pair.match.huvrField}`),
    )
    expect([...kinds].sort()).toEqual([
      'asset_tag=external_id',
      'asset_tag=name',
      'serial_number=serial_number',
    ])
    for (const pair of state.mirrorPairs) {
      const asset = state.assetByKey(pair.transam.object_key)!
      expect(asset[pair.match.transamField]).toBe(pair.huvr[pair.match.huvrField])
      expect(state.sandboxUser.viewable_organization_ids).toContain(asset.organization_id)
    }
  })

  it('suggests exactly the seeded pairs and no unrelated one', () => {
    const state = generateTransamState({ seed: 1, assets: 300, mirrorOf })
    const expected = state.mirrorPairs
      .map((pair) => `${pair.transam.object_key}:${pair.huvr.id}`)
      .sort()
    expect(linkCandidates(state)).toEqual(expected)
    expect(linkCandidates(generateTransamState({ seed: 9, assets: 1_000 }))).toEqual([])
  })

  it('picks HUVR twins that are unambiguous', () => {
    expect(mirrorOf).toHaveLength(30)
    const names = huvrAssets.map((asset) => asset.name)
    for (const ref of mirrorOf) {
      expect(ref.serial_number).toMatch(/^SN\d{6}$/)
      expect(names.filter((name) => name === ref.name)).toHaveLength(1)
    }
    expect(huvrMirrorCandidates(huvrAssets, 0)).toEqual([])
  })
})
