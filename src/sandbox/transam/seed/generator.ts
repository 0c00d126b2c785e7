import { isoDate } from '../../common/clock'
import { createRandom, type Random } from '../../common/random'
import type { AssetRecord, OrganizationRecord, UserRecord } from '../state/records'
import { type HuvrAssetRef, type MirrorMatch, type MirrorPair, TransamState } from '../state/state'
import { friendlyToken } from '../state/tokens'
import { textPdf } from './pdf'
import {
  ASSET_TYPES,
  CONDITION_COMMENTS,
  DOCUMENT_KINDS,
  EVENT_TYPES,
  FIRST_NAMES,
  LAST_NAMES,
  MANUFACTURERS,
  type ManufacturerSeed,
  MIRROR_SUBTYPES,
  ORGANIZATIONS,
  OTHER_FACILITY_EQUIPMENT,
  PRIVILEGES,
  SUBTYPES,
  type SubtypeSeed,
  VENDORS,
} from './vocabulary'

export interface TransamSeedOptions {
  /** Same seed and sizes → the same database, field for field. */
  seed: number
  /** Total assets, mirrored ones included. */
  assets: number
  /** Average documents per asset (fractions are drawn per asset). */
  documentsPerAsset: number
  /** People besides the sandbox user. */
  users: number
  /** The sandbox user's credentials. */
  sandboxEmail: string
  sandboxPassword: string
  /**
   * HUVR assets to give a TransAM twin each (see `state.mirrorPairs`): in turn the twin's asset tag
   * is the HUVR name, its asset tag is the HUVR external_id, or its serial number is the HUVR
   * serial number (falling back to the name when that HUVR field is empty).
   */
  mirrorOf?: readonly HuvrAssetRef[]
}

export const DEFAULT_TRANSAM_SEED: TransamSeedOptions = {
  seed: 1,
  assets: 300,
  documentsPerAsset: 2,
  users: 10,
  sandboxEmail: 'fieldstation.inspector@sandbox.transam.example',
  sandboxPassword: 'transam-sandbox-password-7d41',
}

/** Every seeded timestamp is before this instant, so records made at run time sort after them. */
export const TRANSAM_SEED_EPOCH = Date.UTC(2025, 0, 1)
const INSTALLED = Date.UTC(2016, 0, 1)
const DAY = 86_400_000
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'

/** The sandbox user's organizations: it sees 1, 2, 3 and the planning partner 5, not 4 or 6. */
const SANDBOX_VIEWABLE = [1, 2, 3, 5]

/** Builds a TransAM database deterministically (state.mirrorPairs lists the HUVR twins). */
export function generateTransamState(options: Partial<TransamSeedOptions> = {}): TransamState {
  const seed: TransamSeedOptions = { ...DEFAULT_TRANSAM_SEED, ...options }
  return new DatabaseGenerator(seed).run()
}

interface Plan {
  subtype: SubtypeSeed
  mirror?: { ref: HuvrAssetRef; match: MirrorMatch; index: number }
}

class DatabaseGenerator {
  private readonly random: Random
  private readonly state = new TransamState()
  private readonly serials = new Set<string>()
  private readonly counters = new Map<string, number>()
  private readonly facilitiesByOrg = new Map<number, AssetRecord[]>()
  private readonly people: number[] = []
  private readonly pairs: { index: number; pair: MirrorPair }[] = []

  constructor(private readonly seed: TransamSeedOptions) {
    this.random = createRandom(seed.seed)
  }

  run(): TransamState {
    this.lookups()
    this.users()
    this.assets()
    return this.state
  }

  private chars(alphabet: string, length: number): string {
    let text = ''
    for (let index = 0; index < length; index += 1)
      text += alphabet[this.random.int(0, alphabet.length - 1)]
    return text
  }

  private lookups(): void {
    const { state } = this
    ORGANIZATIONS.forEach((seed, index) => {
      const { director, ...rest } = seed
      const id = index + 1
      const organization: OrganizationRecord = {
        ...rest,
        id,
        phone: `${215 + index * 3}555${String(1000 + index * 37).padStart(4, '0')}`,
        latitude: (40.1 + index * 0.37).toFixed(6),
        longitude: (-75.2 - index * 0.53).toFixed(6),
        executive_director: {
          ...director,
          email:
            `${director.first_name}.${director.last_name}@${seed.short_name.toLowerCase()}.example`.toLowerCase(),
          phone: `${215 + index * 3}555${String(2000 + index * 41).padStart(4, '0')}`,
          phone_ext: index % 2 === 0 ? null : String(100 + index),
          address1: seed.address1,
          address2: null,
          city: seed.city,
          state: seed.state,
          zip: seed.zip,
        },
      }
      state.organizations.set(id, organization)
    })
    for (const type of ASSET_TYPES) state.assetTypes.set(type.id, { ...type })
    for (const subtype of SUBTYPES) {
      state.assetSubtypes.set(subtype.id, {
        id: subtype.id,
        asset_type_id: subtype.typeId,
        name: subtype.name,
        description: subtype.description,
      })
    }
    let modelId = 0
    for (const manufacturer of MANUFACTURERS) {
      state.manufacturers.set(manufacturer.id, {
        id: manufacturer.id,
        name: manufacturer.name,
        code: manufacturer.code,
      })
      for (const model of manufacturer.models) {
        modelId += 1
        state.manufacturerModels.set(modelId, {
          id: modelId,
          manufacturer_id: manufacturer.id,
          name: model,
          description: `${manufacturer.name} ${model}`,
        })
      }
    }
    VENDORS.forEach((vendor, index) => {
      const created = INSTALLED + index * DAY
      state.vendors.set(index + 1, {
        id: index + 1,
        object_key: state.keys.next(created),
        organization_id: 1,
        name: vendor.name,
        address1: `${100 + index * 17} Industrial Parkway`,
        address2: null,
        city: vendor.city,
        state: 'PA',
        zip: vendor.zip,
        phone: `610555${String(3000 + index * 53).padStart(4, '0')}`,
        fax: null,
        url: null,
        latitude: null,
        longitude: null,
        active: true,
        created_at: created,
        updated_at: created,
      })
    })
    for (const type of EVENT_TYPES) state.assetEventTypes.set(type.id, { ...type })
  }

  private token(): string {
    const bytes = Buffer.alloc(15)
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = this.random.int(0, 255)
    return friendlyToken(bytes)
  }

  private users(): void {
    const sandbox: UserRecord = {
      id: 1,
      first_name: 'Fieldstation',
      last_name: 'Inspector',
      email: this.seed.sandboxEmail.toLowerCase(),
      password: this.seed.sandboxPassword,
      title: 'Field Inspector',
      phone: '2155550100',
      active: true,
      organization_id: 1,
      viewable_organization_ids: [...SANDBOX_VIEWABLE],
      privileges: [PRIVILEGES['manager'], PRIVILEGES['transit_manager']].filter(
        (p) => p !== undefined,
      ),
      can_update_assets: true,
      authentication_token: this.token(),
      failed_attempts: 0,
      locked_at: null,
    }
    this.state.insertUser(sandbox)
    this.state.sandboxUserId = sandbox.id
    const roles = ['user', 'manager', 'guest', 'technical_contact', 'user'] as const
    for (let index = 0; index < this.seed.users; index += 1) {
      const first = FIRST_NAMES[index % FIRST_NAMES.length] as string
      const last = LAST_NAMES[(index * 5 + 2) % LAST_NAMES.length] as string
      const round = Math.floor(index / FIRST_NAMES.length)
      const orgId = (index % 4) + 1
      const org = this.state.organizations.get(orgId) as OrganizationRecord
      const role = roles[index % roles.length] as (typeof roles)[number]
      const id = index + 2
      this.state.insertUser({
        id,
        first_name: first,
        last_name: last,
        email:
          `${first}.${last}${round > 0 ? round + 1 : ''}@${org.short_name}.example`.toLowerCase(),
        password: `${first.toLowerCase()}-sandbox-${id}`,
        title: role === 'manager' ? 'Maintenance Manager' : 'Transit Analyst',
        phone: `215555${String(1100 + id).padStart(4, '0')}`,
        // One person has left: inactive users are invisible to every lookup.
        active: index !== 3,
        organization_id: orgId,
        viewable_organization_ids: [orgId],
        privileges: [PRIVILEGES[role] as { name: string; label: string }],
        can_update_assets: role === 'manager',
        authentication_token: this.token(),
        failed_attempts: 0,
        locked_at: null,
      })
      this.people.push(id)
    }
    if (this.people.length === 0) this.people.push(sandbox.id)
  }

  /** Facilities first (equipment sits in them), then the rest; mirrors spread through. */
  private assets(): void {
    const total = Math.max(0, Math.floor(this.seed.assets))
    const mirrors = (this.seed.mirrorOf ?? []).slice(0, total)
    const plans: Plan[] = []
    const own = total - mirrors.length
    const facilities = own === 0 ? 0 : Math.max(1, Math.round(own * 0.08))
    const facilitySubtypes = SUBTYPES.filter((subtype) => subtype.category === 'facility')
    for (let index = 0; index < facilities; index += 1) {
      plans.push({ subtype: facilitySubtypes[index % facilitySubtypes.length] as SubtypeSeed })
    }
    const others = SUBTYPES.filter(
      (subtype) => subtype.category !== 'facility' && subtype.id !== OTHER_FACILITY_EQUIPMENT,
    )
    const weights: Record<string, number> = {
      bus: 10,
      paratransit: 6,
      'light-rail': 7,
      'commuter-rail': 5,
      'support-vehicle': 4,
      'maintenance-equipment': 3,
      'facility-equipment': 2,
    }
    const pool = others.flatMap((subtype) =>
      Array<SubtypeSeed>(weights[subtype.category] ?? 1).fill(subtype),
    )
    for (let index = facilities; index < own; index += 1)
      plans.push({ subtype: this.random.pick(pool) })
    // Each mirror goes to a deterministic place among the others.
    mirrors.forEach((ref, index) => {
      const prefix = /^([A-Za-z]+)-/.exec(ref.name)?.[1]?.toUpperCase() ?? ''
      const subtypeId = MIRROR_SUBTYPES[prefix] ?? OTHER_FACILITY_EQUIPMENT
      const subtype = SUBTYPES.find((candidate) => candidate.id === subtypeId) as SubtypeSeed
      const at = facilities + this.random.int(0, plans.length - facilities)
      plans.splice(at, 0, { subtype, mirror: { ref, match: mirrorMatch(ref, index), index } })
    })
    plans.forEach((plan, index) => this.asset(index + 1, plan))
    this.state.mirrorPairs = this.pairs.sort((a, b) => a.index - b.index).map((entry) => entry.pair)
  }

  private next(counter: string, start: number): number {
    const value = this.counters.get(counter) ?? start
    this.counters.set(counter, value + 1)
    return value
  }

  private organizationFor(category: SubtypeSeed['category']): number {
    if (category === 'commuter-rail') return 3
    if (category === 'light-rail') return 1
    if (category === 'paratransit') return this.random.pick([4, 4, 2, 6])
    return this.random.pick([1, 1, 1, 1, 2, 2, 2, 4, 6, 3])
  }

  private asset(id: number, plan: Plan): void {
    const { subtype, mirror } = plan
    const orgId = mirror === undefined ? this.organizationFor(subtype.category) : 1
    const org = this.state.organizations.get(orgId) as OrganizationRecord
    const manufacturerId =
      subtype.manufacturers.length === 0 ? undefined : this.random.pick(subtype.manufacturers)
    const manufacturer = MANUFACTURERS.find((candidate) => candidate.id === manufacturerId)
    const modelName = manufacturer === undefined ? undefined : this.random.pick(manufacturer.models)
    const model = [...this.state.manufacturerModels.values()].find(
      (candidate) => candidate.manufacturer_id === manufacturer?.id && candidate.name === modelName,
    )
    const isFacility = subtype.category === 'facility'
    const inService = isFacility
      ? this.random.instant(Date.UTC(1975, 0, 1), Date.UTC(2015, 0, 1))
      : this.random.instant(Date.UTC(2004, 0, 1), Date.UTC(2024, 6, 1))
    const purchased = inService - this.random.int(15, 120) * DAY
    const year = new Date(purchased).getUTCFullYear()
    const created = this.random.instant(INSTALLED, TRANSAM_SEED_EPOCH - 30 * DAY)
    const objectKey = this.state.keys.next(created)
    const tagNumber = this.tagNumber(subtype)
    let tag = this.tag(subtype, tagNumber)
    let serial = this.serial(subtype, manufacturer, year)
    const facilities = this.facilitiesByOrg.get(orgId) ?? []
    const home = isFacility || facilities.length === 0 ? undefined : this.random.pick(facilities)
    let description = this.describe(subtype, manufacturer, modelName, year, tagNumber, home)
    if (mirror !== undefined) {
      if (mirror.match.transamField === 'asset_tag') {
        tag = (
          mirror.match.huvrField === 'name' ? mirror.ref.name : mirror.ref.external_id
        ) as string
      } else {
        serial = mirror.ref.serial_number
      }
      description = `${subtype.name} ${tagNumber}${home === undefined ? '' : ` at ${home.description ?? ''}`}`
    }
    const asset: AssetRecord = {
      id,
      object_key: objectKey,
      organization_id: orgId,
      asset_subtype_id: subtype.id,
      transam_assetible_type: subtype.assetibleType,
      asset_tag: tag,
      external_id: this.random.chance(0.9)
        ? `${org.short_name}-FA-${String(id).padStart(6, '0')}`
        : null,
      serial_number: serial,
      description,
      manufacturer_id: manufacturer?.id ?? null,
      other_manufacturer: null,
      manufacturer_model_id: model?.id ?? null,
      other_manufacturer_model: null,
      manufacture_year:
        manufacturer === undefined ? null : year - (this.random.chance(0.2) ? 1 : 0),
      purchase_cost: this.random.int(subtype.cost[0] / 100, subtype.cost[1] / 100) * 100,
      purchase_date: isoDate(purchased),
      purchased_new: this.random.chance(0.92),
      in_service_date: isoDate(inService),
      vendor_id: isFacility
        ? null
        : this.random.chance(0.7)
          ? this.random.int(1, VENDORS.length)
          : null,
      other_vendor: null,
      parent_id: home?.id ?? null,
      quantity: 1,
      quantity_unit: 'unit',
      location_address: isFacility
        ? `${this.random.int(10, 990)} ${this.random.pick(STREETS)}, ${org.city}, PA ${org.zip}`
        : null,
      created_at: created,
      updated_at: this.random.instant(created, TRANSAM_SEED_EPOCH),
    }
    this.state.insertAsset(asset)
    if (isFacility) this.facilitiesByOrg.set(orgId, [...facilities, asset])
    if (mirror !== undefined) {
      this.pairs.push({
        index: mirror.index,
        pair: {
          huvr: { ...mirror.ref },
          transam: {
            object_key: asset.object_key,
            asset_tag: asset.asset_tag,
            external_id: asset.external_id,
            serial_number: asset.serial_number,
          },
          match: mirror.match,
        },
      })
    }
    this.events(asset)
    this.documents(asset, subtype, manufacturer, modelName)
  }

  private tagNumber(subtype: SubtypeSeed): number {
    switch (subtype.category) {
      case 'bus':
        return this.next('bus', 1001)
      case 'paratransit':
        return this.next('paratransit', 301)
      case 'light-rail':
        return this.next('light-rail', 2101)
      case 'commuter-rail':
        return this.next('commuter-rail', 3101)
      case 'support-vehicle':
        return this.next('support', 401)
      case 'facility':
        return this.next(`facility-${subtype.facilityCode ?? ''}`, 1)
      case 'maintenance-equipment':
        return this.next('equipment', 5001)
      default:
        return this.next('facility-equipment', 6001)
    }
  }

  /** Tags like BUS-1042, PT-0312, LRV-2107, CC-3104, SV-0412, FAC-GAR-02, EQ-5017, FE-6003. */
  private tag(subtype: SubtypeSeed, number: number): string {
    const padded = String(number).padStart(4, '0')
    switch (subtype.category) {
      case 'bus':
        return `BUS-${padded}`
      case 'paratransit':
        return `PT-${padded}`
      case 'light-rail':
        return `LRV-${padded}`
      case 'commuter-rail':
        return `CC-${padded}`
      case 'support-vehicle':
        return `SV-${padded}`
      case 'facility':
        return `FAC-${subtype.facilityCode ?? 'X'}-${String(number).padStart(2, '0')}`
      case 'maintenance-equipment':
        return `EQ-${padded}`
      default:
        return `FE-${padded}`
    }
  }

  /** VINs for road vehicles, builder numbers for rail cars, maker-coded serials for equipment. */
  private serial(subtype: SubtypeSeed, manufacturer: ManufacturerSeed | undefined, year: number) {
    if (manufacturer === undefined) return null
    for (;;) {
      let serial: string
      if (subtype.category === 'light-rail' || subtype.category === 'commuter-rail') {
        serial = `${manufacturer.code}-${year}-${String(this.random.int(1, 9999)).padStart(4, '0')}`
      } else if (manufacturer.wmi !== undefined) {
        serial = `${manufacturer.wmi}${this.chars(VIN_ALPHABET, 12)}`
      } else {
        serial = `${manufacturer.code}${String(year % 100).padStart(2, '0')}${this.chars(ALNUM, 6)}`
      }
      if (!this.serials.has(serial)) {
        this.serials.add(serial)
        return serial
      }
    }
  }

  private describe(
    subtype: SubtypeSeed,
    manufacturer: ManufacturerSeed | undefined,
    model: string | undefined,
    year: number,
    number: number,
    home: AssetRecord | undefined,
  ): string {
    const made = `${manufacturer?.name ?? ''} ${model ?? ''}`.trim()
    switch (subtype.category) {
      case 'bus':
        return `${year} ${made} bus #${number}`
      case 'paratransit':
        return `${year} ${made} paratransit cutaway #${number}`
      case 'light-rail':
        return `${year} ${made} light rail vehicle ${number}`
      case 'commuter-rail':
        return `${year} ${made} commuter coach ${number}`
      case 'support-vehicle':
        return `${year} ${made} ${subtype.name.toLowerCase()}`
      case 'facility': {
        const places = subtype.places ?? [subtype.name]
        const place = places[(number - 1) % places.length] as string
        const round = Math.floor((number - 1) / places.length)
        return round === 0 ? place : `${place} ${round + 1}`
      }
      default:
        return `${subtype.name} – ${made}${home === undefined ? '' : `, ${home.description ?? ''}`}`
    }
  }

  private events(asset: AssetRecord): void {
    if (asset.transam_assetible_type === 'Facility' || asset.in_service_date === null) return
    const from = Date.parse(asset.in_service_date)
    for (let index = this.random.int(1, 2); index > 0; index -= 1) {
      const at = this.random.instant(from, TRANSAM_SEED_EPOCH - DAY)
      this.state.insertEvent({
        id: this.state.nextId('events'),
        object_key: this.state.keys.next(at),
        asset_id: asset.id,
        asset_event_type_id: 1,
        event_date: isoDate(at),
        comments: this.random.pick(CONDITION_COMMENTS),
        assessed_rating: this.random.float(2, 5, 1).toFixed(1),
        service_status_type: null,
        created_at: at,
      })
    }
    const at = this.random.instant(from, TRANSAM_SEED_EPOCH - DAY)
    this.state.insertEvent({
      id: this.state.nextId('events'),
      object_key: this.state.keys.next(at),
      asset_id: asset.id,
      asset_event_type_id: 2,
      event_date: isoDate(at),
      comments: null,
      assessed_rating: null,
      service_status_type: this.random.chance(0.9) ? 'In Service' : 'Spare',
      created_at: at,
    })
  }

  /** PDFs with realistic names; the bytes are built on first download. */
  private documents(
    asset: AssetRecord,
    subtype: SubtypeSeed,
    manufacturer: ManufacturerSeed | undefined,
    model: string | undefined,
  ): void {
    const group =
      subtype.category === 'facility'
        ? 'facility'
        : subtype.category === 'light-rail' || subtype.category === 'commuter-rail'
          ? 'rail'
          : subtype.typeId >= 6
            ? 'equipment'
            : 'vehicle'
    const kinds = DOCUMENT_KINDS[group]
    const org = this.state.organizations.get(asset.organization_id)
    const from = Math.max(Date.parse(asset.in_service_date ?? '2016-01-01'), asset.created_at)
    for (let index = this.random.count(this.seed.documentsPerAsset); index > 0; index -= 1) {
      const [describe, stem] = this.random.pick(kinds)
      const created = this.random.instant(
        Math.min(from, TRANSAM_SEED_EPOCH - 2 * DAY),
        TRANSAM_SEED_EPOCH - DAY,
      )
      const year = String(new Date(created).getUTCFullYear())
      const fill = (template: string, forFile: boolean) =>
        template
          .replace('{year}', year)
          .replace('{tag}', asset.asset_tag)
          .replace(
            '{mfg}',
            forFile ? slug(manufacturer?.name ?? 'Generic') : (manufacturer?.name ?? ''),
          )
          .replace(
            '{model}',
            forFile
              ? slug(model ?? 'Equipment')
              : `${manufacturer?.name ?? ''} ${model ?? ''}`.trim(),
          )
      const title = fill(describe, false)
      const filename = `${fill(stem, true)}.pdf`
      const objectKey = this.state.keys.next(created)
      const storageKey = `document_uploads/${objectKey}/${this.uuid()}.pdf`
      const lines = [
        `Asset: ${asset.asset_tag} (${asset.object_key})`,
        `Description: ${asset.description ?? ''}`,
        `Organization: ${org?.name ?? ''}`,
        `Document date: ${isoDate(created)}`,
        'Sandbox copy generated by the Fieldstation TransAM simulator.',
      ]
      this.state.objects.set(storageKey, {
        contentType: 'application/pdf',
        lastModified: created,
        build: () => textPdf(title, lines),
      })
      this.state.insertDocument({
        id: this.state.nextId('documents'),
        object_key: objectKey,
        asset_id: asset.id,
        description: this.random.chance(0.05) ? null : capitalize(title),
        original_filename: filename,
        content_type: 'application/pdf',
        file_size: textPdf(title, lines).length,
        storage_key: storageKey,
        created_by_id: this.random.pick(this.people),
        created_at: created,
        updated_at: created,
      })
    }
  }

  private uuid(): string {
    const hex = this.chars('0123456789abcdef', 32)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`
  }
}

const STREETS = [
  'Market Street',
  'Depot Road',
  'Harbor Avenue',
  'Mill Street',
  'Station Road',
  'Commerce Drive',
]

/** Rotates the three ways a twin carries its HUVR asset's identity. */
function mirrorMatch(ref: HuvrAssetRef, index: number): MirrorMatch {
  const kind = index % 3
  if (kind === 1 && ref.external_id !== null && ref.external_id !== '') {
    return { transamField: 'asset_tag', huvrField: 'external_id' }
  }
  if (kind === 2 && ref.serial_number !== null && ref.serial_number !== '') {
    return { transamField: 'serial_number', huvrField: 'serial_number' }
  }
  return { transamField: 'asset_tag', huvrField: 'name' }
}

function slug(text: string): string {
  return text
    .replace(/'/g, 'ft')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
