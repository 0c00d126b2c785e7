import { type Clock, isoTimestamp, systemClock } from '../../common/clock'
import { BlobStore } from './blobs'
import type { AssetRecord, OverlayRecord, RecordTypes, TableName } from './records'
import { Table } from './table'

export type Tables = { [K in TableName]: Table<RecordTypes[K]> }

const TABLE_NAMES: readonly TableName[] = [
  'companies',
  'users',
  'crews',
  'assetTypes',
  'projectTypes',
  'defectProfiles',
  'checklistTemplates',
  'assets',
  'projects',
  'media',
  'checklists',
  'defects',
  'overlays',
  'cmls',
  'measurements',
]

/**
 * The whole server-side state of one simulated workspace, in memory.
 *
 * Read freely through `tables`. Change it through `insert`, `edit` and `remove` (the API does too):
 * they stamp `updated_on`, keep the asset hierarchy and paths right, cascade deletes, and bump
 * `version`, which invalidates every cached listing and derived index.
 */
export class HuvrState {
  /** Bumped on every change; caches compare against it. */
  version = 0
  clock: Clock = systemClock
  readonly tables: Tables
  readonly blobs = new BlobStore()
  /** The service account the simulator authenticates as. */
  serviceAccountId = 1
  /** Checklist revision ids are global, like a database sequence. */
  revisionSequence = 0

  private readonly childrenOf = new Map<number | null, Set<number>>()

  constructor() {
    const bump = (): void => {
      this.version += 1
    }
    this.tables = Object.fromEntries(
      TABLE_NAMES.map((name) => [name, new Table(bump)]),
    ) as unknown as Tables
  }

  get<K extends TableName>(kind: K, id: number): RecordTypes[K] | undefined {
    return this.tables[kind].get(id) as RecordTypes[K] | undefined
  }

  now(): string {
    return isoTimestamp(this.clock())
  }

  /** Adds a record with its id already set (allocate one with `tables[kind].allocateId()`). */
  insert<K extends TableName>(kind: K, record: RecordTypes[K]): RecordTypes[K] {
    if (kind === 'assets') {
      const asset = record as AssetRecord
      asset.asset_path = this.pathFor(asset.parent, asset.name)
      this.linkChild(asset.parent, asset.id)
    }
    return (this.tables[kind] as Table<RecordTypes[K]>).insert(record)
  }

  /**
   * Applies `changes` to a record in place and stamps `updated_on` (unless `touch` is false or the
   * changes set it). Renaming or moving an asset re-derives the paths of its whole subtree.
   */
  edit<K extends TableName>(
    kind: K,
    id: number,
    changes: Partial<RecordTypes[K]>,
    options: { touch?: boolean } = {},
  ): RecordTypes[K] {
    const record = this.get(kind, id)
    if (record === undefined) throw new Error(`no ${kind} ${id}`)
    const movedAsset =
      kind === 'assets' &&
      this.prepareAssetEdit(record as AssetRecord, changes as Partial<AssetRecord>)
    Object.assign(record, changes)
    if (movedAsset) this.refreshSubtreePaths(id, (record as AssetRecord).asset_path)
    if (options.touch !== false && 'updated_on' in record && !('updated_on' in changes)) {
      ;(record as { updated_on: string }).updated_on = this.now()
    }
    this.version += 1
    return record
  }

  /**
   * Deletes a record and what hangs off it [U: the real cascade rules are not public]: an asset takes
   * its sub-assets and everything on them; a project takes its media and checklists and unlinks its
   * defects and measurements; a CML takes its measurements; a media record or a defect takes the
   * overlays that link them.
   */
  remove(kind: TableName, id: number): boolean {
    switch (kind) {
      case 'assets':
        return this.removeAsset(id)
      case 'projects':
        return this.removeProject(id)
      case 'cmls':
        return this.removeCml(id)
      case 'media':
        return this.removeMedia(id)
      case 'defects':
        return this.removeDefect(id)
      default:
        return this.tables[kind].remove(id) !== undefined
    }
  }

  /** The overlays on a media record (its links to defects), in id order. */
  overlaysOf(mediaId: number): OverlayRecord[] {
    return this.tables.overlays.all().filter((overlay) => overlay.media === mediaId)
  }

  /** Child asset ids of `parent` (null for top-level assets). */
  children(parent: number | null): readonly number[] {
    return [...(this.childrenOf.get(parent) ?? [])]
  }

  /** Every asset below `id`, depth first, not including `id` itself. */
  descendants(id: number): number[] {
    const found: number[] = []
    const stack = [...this.children(id)]
    while (stack.length > 0) {
      const next = stack.pop() as number
      found.push(next)
      stack.push(...this.children(next))
    }
    return found
  }

  /** Ancestors from the root down to and including `id`. */
  lineage(id: number): AssetRecord[] {
    const chain: AssetRecord[] = []
    let current = this.tables.assets.get(id)
    const seen = new Set<number>()
    while (current !== undefined && !seen.has(current.id)) {
      seen.add(current.id)
      chain.unshift(current)
      current = current.parent === null ? undefined : this.tables.assets.get(current.parent)
    }
    return chain
  }

  /** A value recomputed only when the state changed since it was last read. */
  derived<T>(compute: () => T): () => T {
    let cached: { version: number; value: T } | undefined
    return () => {
      if (cached === undefined || cached.version !== this.version) {
        cached = { version: this.version, value: compute() }
      }
      return cached.value
    }
  }

  private pathFor(parent: number | null, name: string): string {
    const parentPath = parent === null ? undefined : this.tables.assets.get(parent)?.asset_path
    return parentPath === undefined ? name : `${parentPath}/${name}`
  }

  private linkChild(parent: number | null, child: number): void {
    let set = this.childrenOf.get(parent)
    if (set === undefined) {
      set = new Set()
      this.childrenOf.set(parent, set)
    }
    set.add(child)
  }

  private unlinkChild(parent: number | null, child: number): void {
    this.childrenOf.get(parent)?.delete(child)
  }

  /**
   * Keeps the children index and `asset_path` right for a rename or move. Returns whether the
   * subtree's paths need re-deriving once the change is applied.
   */
  private prepareAssetEdit(asset: AssetRecord, changes: Partial<AssetRecord>): boolean {
    const parentChanged = 'parent' in changes && changes.parent !== asset.parent
    const nameChanged = 'name' in changes && changes.name !== asset.name
    if (parentChanged) {
      this.unlinkChild(asset.parent, asset.id)
      this.linkChild(changes.parent ?? null, asset.id)
    }
    if (!parentChanged && !nameChanged) return false
    const parent = changes.parent !== undefined ? changes.parent : asset.parent
    changes.asset_path = this.pathFor(parent, changes.name ?? asset.name)
    return true
  }

  private refreshSubtreePaths(rootId: number, rootPath: string): void {
    const stack: { id: number; path: string }[] = [{ id: rootId, path: rootPath }]
    while (stack.length > 0) {
      const { id, path } = stack.pop() as { id: number; path: string }
      for (const childId of this.children(id)) {
        const child = this.tables.assets.get(childId)
        if (child === undefined) continue
        child.asset_path = `${path}/${child.name}`
        stack.push({ id: childId, path: child.asset_path })
      }
    }
  }

  private removeAsset(id: number): boolean {
    const asset = this.tables.assets.get(id)
    if (asset === undefined) return false
    const doomed = new Set([id, ...this.descendants(id)])
    for (const project of this.tables.projects.all().filter((p) => doomed.has(p.asset))) {
      this.removeProject(project.id)
    }
    for (const cml of this.tables.cmls.all().filter((c) => doomed.has(c.asset))) {
      this.removeCml(cml.id)
    }
    for (const defect of this.tables.defects.all().filter((d) => doomed.has(d.asset))) {
      this.removeDefect(defect.id)
    }
    for (const checklist of this.tables.checklists
      .all()
      .filter((c) => c.asset !== null && doomed.has(c.asset))) {
      this.tables.checklists.remove(checklist.id)
    }
    for (const assetId of doomed) {
      const doomedAsset = this.tables.assets.get(assetId)
      if (doomedAsset === undefined) continue
      this.unlinkChild(doomedAsset.parent, assetId)
      this.childrenOf.delete(assetId)
      this.tables.assets.remove(assetId)
    }
    return true
  }

  private removeProject(id: number): boolean {
    if (!this.tables.projects.has(id)) return false
    for (const media of this.tables.media.all().filter((m) => m.project === id)) {
      this.removeMedia(media.id)
    }
    for (const checklist of this.tables.checklists.all().filter((c) => c.project === id)) {
      this.tables.checklists.remove(checklist.id)
    }
    for (const defect of this.tables.defects.all()) {
      if (defect.project === id) defect.project = null
    }
    for (const measurement of this.tables.measurements.all()) {
      if (measurement.project === id) measurement.project = null
    }
    this.tables.projects.remove(id)
    return true
  }

  /** Drops the record and its own objects (seeded media share sample objects, which stay). */
  private removeMedia(id: number): boolean {
    const media = this.tables.media.remove(id)
    if (media === undefined) return false
    this.removeOverlays((overlay) => overlay.media === id)
    const { object, thumbnail, preview } = media.storage
    for (const name of [object, thumbnail, preview]) {
      if (name !== null && !name.startsWith('seed/')) this.blobs.delete(name)
    }
    return true
  }

  /** Drops the finding and the overlays that draw it on photos (the photos stay). */
  private removeDefect(id: number): boolean {
    if (this.tables.defects.remove(id) === undefined) return false
    this.removeOverlays((overlay) => overlay.defect === id)
    return true
  }

  private removeOverlays(doomed: (overlay: OverlayRecord) => boolean): void {
    for (const overlay of this.tables.overlays.all().filter(doomed)) {
      this.tables.overlays.remove(overlay.id)
    }
  }

  private removeCml(id: number): boolean {
    if (!this.tables.cmls.has(id)) return false
    for (const measurement of this.tables.measurements.all().filter((m) => m.cml === id)) {
      this.tables.measurements.remove(measurement.id)
    }
    this.tables.cmls.remove(id)
    return true
  }
}
