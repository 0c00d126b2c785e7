import { type Clock, systemClock } from '../../common/clock'
import { ObjectKeys } from './object-key'
import type {
  AssetEventRecord,
  AssetEventTypeRecord,
  AssetRecord,
  AssetSubtypeRecord,
  AssetTypeRecord,
  DocumentRecord,
  ManufacturerModelRecord,
  ManufacturerRecord,
  OrganizationRecord,
  StoredObject,
  UserRecord,
  VendorRecord,
} from './records'

/** A HUVR asset as the mirror options name it (the fields a link suggestion compares). */
export interface HuvrAssetRef {
  /** HUVR's id, when known (for reports; matching never uses it). */
  id?: number
  name: string
  external_id: string | null
  serial_number: string | null
  description?: string | null
}

/** Which TransAM field carries which HUVR field in a seeded pair. */
export type MirrorMatch =
  | { transamField: 'asset_tag'; huvrField: 'name' | 'external_id' }
  | { transamField: 'serial_number'; huvrField: 'serial_number' }

/** One TransAM asset seeded to correspond to a HUVR asset. */
export interface MirrorPair {
  huvr: HuvrAssetRef
  transam: {
    object_key: string
    asset_tag: string
    external_id: string | null
    serial_number: string | null
  }
  match: MirrorMatch
}

/**
 * The simulated TransAM database. Lookup tables are plain maps; assets and documents are also
 * indexed by object_key. Change data through the methods so indexes, keys and stamps stay right.
 */
export class TransamState {
  clock: Clock = systemClock
  readonly organizations = new Map<number, OrganizationRecord>()
  readonly users = new Map<number, UserRecord>()
  readonly assetTypes = new Map<number, AssetTypeRecord>()
  readonly assetSubtypes = new Map<number, AssetSubtypeRecord>()
  readonly manufacturers = new Map<number, ManufacturerRecord>()
  readonly manufacturerModels = new Map<number, ManufacturerModelRecord>()
  readonly vendors = new Map<number, VendorRecord>()
  readonly assetEventTypes = new Map<number, AssetEventTypeRecord>()
  /** By id, in id order. */
  readonly assets = new Map<number, AssetRecord>()
  readonly events = new Map<number, AssetEventRecord>()
  readonly documents = new Map<number, DocumentRecord>()
  /** The simulated S3 bucket, by storage key. */
  readonly objects = new Map<string, StoredObject>()
  /** The sandbox user (the one `credentials` sign in as). */
  sandboxUserId = 1
  /** Assets seeded as twins of HUVR assets (empty unless `mirrorOf` was given). */
  mirrorPairs: MirrorPair[] = []

  readonly keys = new ObjectKeys()
  private readonly assetsByKey = new Map<string, AssetRecord>()
  private readonly documentsByKey = new Map<string, DocumentRecord>()
  private readonly documentsByAsset = new Map<number, Set<DocumentRecord>>()
  private readonly eventsByAsset = new Map<number, AssetEventRecord[]>()
  private readonly sequences = { assets: 0, events: 0, documents: 0, users: 0 }

  now(): number {
    return this.clock()
  }

  nextId(table: 'assets' | 'events' | 'documents' | 'users'): number {
    this.sequences[table] += 1
    return this.sequences[table]
  }

  // Users ---------------------------------------------------------------------------------------

  insertUser(user: UserRecord): UserRecord {
    this.users.set(user.id, user)
    this.sequences.users = Math.max(this.sequences.users, user.id)
    return user
  }

  /** Active users only: transam_core's User default scope hides inactive ones [C user.rb]. */
  userByEmail(email: string): UserRecord | undefined {
    for (const user of this.users.values()) {
      if (user.active && user.email === email) return user
    }
    return undefined
  }

  get sandboxUser(): UserRecord {
    const user = this.users.get(this.sandboxUserId)
    if (user === undefined) throw new Error('the sandbox user is missing')
    return user
  }

  // Assets --------------------------------------------------------------------------------------

  insertAsset(asset: AssetRecord): AssetRecord {
    if (this.assets.has(asset.id)) throw new Error(`duplicate asset id ${asset.id}`)
    if (this.assetsByKey.has(asset.object_key)) throw new Error(`duplicate key ${asset.object_key}`)
    this.assets.set(asset.id, asset)
    this.assetsByKey.set(asset.object_key, asset)
    this.sequences.assets = Math.max(this.sequences.assets, asset.id)
    return asset
  }

  assetByKey(objectKey: string): AssetRecord | undefined {
    return this.assetsByKey.get(objectKey)
  }

  /** Changes fields and stamps `updated_at` (object_key and id never change). */
  editAsset(objectKey: string, changes: Partial<Omit<AssetRecord, 'id' | 'object_key'>>) {
    const asset = this.assetsByKey.get(objectKey)
    if (asset === undefined) throw new Error(`no asset ${objectKey}`)
    Object.assign(asset, changes, { updated_at: this.now() })
    return asset
  }

  insertEvent(event: AssetEventRecord): AssetEventRecord {
    this.events.set(event.id, event)
    const list = this.eventsByAsset.get(event.asset_id)
    if (list === undefined) this.eventsByAsset.set(event.asset_id, [event])
    else list.push(event)
    this.sequences.events = Math.max(this.sequences.events, event.id)
    return event
  }

  eventsOf(assetId: number): AssetEventRecord[] {
    return [...(this.eventsByAsset.get(assetId) ?? [])]
  }

  // Documents -----------------------------------------------------------------------------------

  insertDocument(document: DocumentRecord): DocumentRecord {
    this.documents.set(document.id, document)
    this.documentsByKey.set(document.object_key, document)
    const set = this.documentsByAsset.get(document.asset_id)
    if (set === undefined) this.documentsByAsset.set(document.asset_id, new Set([document]))
    else set.add(document)
    this.sequences.documents = Math.max(this.sequences.documents, document.id)
    return document
  }

  documentByKey(objectKey: string): DocumentRecord | undefined {
    return this.documentsByKey.get(objectKey)
  }

  /** Newest first, as Document's default scope orders them [C document.rb]. */
  documentsOf(assetId: number): DocumentRecord[] {
    return [...(this.documentsByAsset.get(assetId) ?? [])].sort(
      (a, b) => b.created_at - a.created_at || b.id - a.id,
    )
  }

  editDocument(
    objectKey: string,
    changes: Partial<Omit<DocumentRecord, 'id' | 'object_key' | 'asset_id'>>,
  ) {
    const document = this.documentsByKey.get(objectKey)
    if (document === undefined) throw new Error(`no document ${objectKey}`)
    Object.assign(document, changes, { updated_at: this.now() })
    return document
  }

  /** Removes the record and its stored file. */
  removeDocument(objectKey: string): DocumentRecord | undefined {
    const document = this.documentsByKey.get(objectKey)
    if (document === undefined) return undefined
    this.documents.delete(document.id)
    this.documentsByKey.delete(objectKey)
    this.documentsByAsset.get(document.asset_id)?.delete(document)
    this.objects.delete(document.storage_key)
    return document
  }

  /** The bytes of a stored object (seeded ones are built on first read). */
  objectBytes(storageKey: string): Buffer | undefined {
    const stored = this.objects.get(storageKey)
    if (stored === undefined) return undefined
    if (stored.bytes === undefined && stored.build !== undefined) {
      stored.bytes = stored.build()
      delete stored.build
    }
    return stored.bytes
  }

  // Lookups -------------------------------------------------------------------------------------

  /** Organizations the user may see, in id order. */
  viewableOrganizations(user: UserRecord): OrganizationRecord[] {
    return user.viewable_organization_ids
      .map((id) => this.organizations.get(id))
      .filter((org): org is OrganizationRecord => org !== undefined)
      .sort((a, b) => a.id - b.id)
  }
}
