import { describe, expect, it } from 'vitest'
import { generateHuvrState, type HuvrState } from '../../../src/sandbox/huvr'

function snapshot(state: HuvrState): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(state.tables).map(([name, table]) => [name, table.all()])),
  )
}

describe('seeded generator', () => {
  it('builds the same workspace for the same seed, field for field', () => {
    const first = snapshot(generateHuvrState({ seed: 11, assets: 1_500 }))
    const second = snapshot(generateHuvrState({ seed: 11, assets: 1_500 }))
    expect(second).toBe(first)
    expect(snapshot(generateHuvrState({ seed: 12, assets: 1_500 }))).not.toBe(first)
  })

  it('covers every kind of record, tied together', () => {
    const state = generateHuvrState({ seed: 3, assets: 800 })
    const { tables } = state
    for (const name of [
      'projects',
      'media',
      'checklists',
      'defects',
      'cmls',
      'measurements',
    ] as const) {
      expect(tables[name].size).toBeGreaterThan(0)
    }
    for (const project of tables.projects.all()) expect(tables.assets.has(project.asset)).toBe(true)
    for (const media of tables.media.all()) expect(tables.projects.has(media.project!)).toBe(true)
    for (const measurement of tables.measurements.all()) {
      expect(tables.cmls.has(measurement.cml)).toBe(true)
      expect(measurement.units).toBe('in')
    }
    const severities = new Set(tables.defects.all().map((defect) => defect.severity))
    expect([...severities].sort()).toEqual([1, 2, 3, 4])
    const answered = tables.checklists
      .all()
      .flatMap((checklist) =>
        Object.values(checklist.results).flatMap((section) => Object.values(section)),
      )
    expect(answered.length).toBeGreaterThan(0)
  })

  it('generates 100,000 assets and 20,000 projects in a consistent hierarchy', () => {
    const state = generateHuvrState({ assets: 100_000 })
    const assets = state.tables.assets.all()
    expect(assets).toHaveLength(100_000)
    expect(state.tables.projects.size).toBe(20_000)
    let roots = 0
    let laterParents = 0
    for (const asset of assets) {
      const lineage = state.lineage(asset.id)
      expect(lineage.map((step) => step.name).join('/')).toBe(asset.asset_path)
      expect(lineage.length).toBeLessThanOrEqual(3)
      if (asset.parent === null) roots += 1
      else if (asset.parent > asset.id) laterParents += 1
    }
    expect(roots).toBe(1_000)
    // A few assets were moved under a parent created after them, as happens in real plants.
    expect(laterParents).toBeGreaterThan(0)
  })
})
