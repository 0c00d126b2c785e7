import { isoDate, isoTimestamp } from '../../common/clock'
import { createRandom, type Random } from '../../common/random'
import type {
  AssetRecord,
  ChecklistResults,
  CmlRecord,
  DefectState,
  ProjectRecord,
  ProjectStatus,
  ProjectStatusChange,
  UserRecord,
} from '../state/records'
import { unsetMediaFields } from '../state/records'
import { HuvrState } from '../state/state'
import { sampleFiles } from './sample-files'
import {
  AREA_NAMES,
  ASSET_TYPES,
  ASSET_TYPE_IDS,
  CHECKLIST_TEMPLATES,
  COMPONENTS,
  DEFECT_DESCRIPTIONS,
  DEFECT_PRIORITIES,
  DEFECT_PROFILE,
  EQUIPMENT,
  FIRST_NAMES,
  LAST_NAMES,
  LOCATION_ZONES,
  PROJECT_PRIORITIES,
  PROJECT_TYPES,
  SITE_KINDS,
  SITE_PLACES,
  TEXT_ANSWERS,
} from './vocabulary'

export interface SeedOptions {
  /** Same seed and sizes → the same workspace, field for field. */
  seed: number
  assets: number
  /** Default: one project per five assets (100,000 assets → 20,000 projects). */
  projects?: number
  /** Averages; fractional parts are drawn per project or CML. */
  mediaPerProject: number
  checklistsPerProject: number
  defectsPerProject: number
  /** Share of CML-capable equipment (vessels, piping, tanks, exchangers) that carries CMLs. */
  cmlShare: number
  cmlsPerAsset: number
  /** UT thickness readings per CML, oldest first. */
  measurementsPerCml: number
  /** People besides the service account. */
  users: number
  /** The service account's email: the `client_id` it signs in with. */
  serviceAccountEmail: string
}

export const DEFAULT_SEED: SeedOptions = {
  seed: 1,
  assets: 500,
  mediaPerProject: 2,
  checklistsPerProject: 0.5,
  defectsPerProject: 1,
  cmlShare: 0.3,
  cmlsPerAsset: 3,
  measurementsPerCml: 2,
  users: 12,
  serviceAccountEmail: 'fieldstation.service-account@sandbox.huvrdata.app',
}

/** Every seeded timestamp is before this instant, so records made at run time sort after them. */
export const SEED_EPOCH = Date.UTC(2025, 0, 1)
const EARLIEST = Date.UTC(2019, 0, 1)
const DAY = 86_400_000

const ROLES_FOR_PEOPLE = [
  ['technician'],
  ['technician', 'findings_manager'],
  ['project_manager'],
  ['asset_manager', 'viewer'],
  ['subcontractor'],
] as const

export const SERVICE_ACCOUNT_ROLES = [
  'project_manager',
  'asset_manager',
  'findings_manager',
  'technician',
  'user_admin',
]

/** Builds a whole workspace deterministically. Plain loops over arrays: 100k assets take well under a second or two. */
export function generateHuvrState(options: Partial<SeedOptions> = {}): HuvrState {
  const seed: SeedOptions = { ...DEFAULT_SEED, ...options }
  return new WorkspaceGenerator(seed).run()
}

class WorkspaceGenerator {
  private readonly random: Random
  private readonly state = new HuvrState()
  private readonly people: number[] = []
  private readonly projectsByAsset = new Map<number, number[]>()
  private equipmentIds: number[] = []
  private structureIds: number[] = []

  constructor(private readonly seed: SeedOptions) {
    this.random = createRandom(seed.seed)
  }

  run(): HuvrState {
    this.lookups()
    this.users()
    this.crews()
    this.assets()
    this.projects()
    this.cmlsAndMeasurements()
    this.media()
    this.checklists()
    this.defects()
    return this.state
  }

  private lookups(): void {
    const { state } = this
    const stamp = isoTimestamp(EARLIEST)
    const companies = [
      { name: 'Sandbox Energy Co.', role: 'OWNER' as const },
      { name: 'Gulf Inspection Services', role: 'SERVICE' as const },
      { name: 'Ridgeline NDT', role: 'SUBCONTRACTOR' as const },
      { name: 'Delta Rope Access', role: 'SUBCONTRACTOR' as const },
    ]
    companies.forEach((company, index) =>
      state.insert('companies', {
        id: index + 1,
        name: company.name,
        description: null,
        is_active: true,
        labels: [],
        parent: null,
        role: company.role,
        created_on: stamp,
        updated_on: stamp,
      }),
    )
    for (const type of ASSET_TYPES) {
      state.insert('assetTypes', { ...type, created_on: stamp, updated_on: stamp })
    }
    state.insert('defectProfiles', { ...DEFECT_PROFILE, created_on: stamp, updated_on: stamp })
    for (const template of CHECKLIST_TEMPLATES) {
      state.insert('checklistTemplates', {
        ...template,
        description: `${template.name} form`,
        version: '1.0',
        state: 'ACTIVE',
        categories: [],
        created_on: stamp,
        updated_on: stamp,
      })
    }
    for (const type of PROJECT_TYPES) {
      state.insert('projectTypes', { ...type, created_on: stamp, updated_on: stamp })
    }
  }

  private users(): void {
    const joined = isoTimestamp(EARLIEST)
    const service: UserRecord = {
      id: 1,
      username: this.seed.serviceAccountEmail,
      email: this.seed.serviceAccountEmail,
      first_name: 'Fieldstation',
      last_name: 'Service Account',
      name: 'Fieldstation Service Account',
      is_active: true,
      date_joined: joined,
      last_login: null,
      company: [1],
      roles: [...SERVICE_ACCOUNT_ROLES],
      service_account: true,
    }
    this.state.insert('users', service)
    this.state.serviceAccountId = service.id
    for (let index = 0; index < this.seed.users; index += 1) {
      const first = FIRST_NAMES[index % FIRST_NAMES.length] as string
      const last = LAST_NAMES[(index * 7 + 3) % LAST_NAMES.length] as string
      const round = Math.floor(index / FIRST_NAMES.length)
      const handle = `${first}.${last}${round > 0 ? round + 1 : ''}`.toLowerCase()
      const id = index + 2
      this.state.insert('users', {
        id,
        username: handle,
        email: `${handle}@sandbox-energy.example`,
        first_name: first,
        last_name: last,
        name: `${first} ${last}`,
        is_active: this.random.chance(0.95),
        date_joined: isoTimestamp(this.random.instant(EARLIEST, SEED_EPOCH - 400 * DAY)),
        last_login: isoTimestamp(this.random.instant(SEED_EPOCH - 60 * DAY, SEED_EPOCH)),
        company: [this.random.pick([1, 2, 3, 4])],
        roles: [...this.random.pick(ROLES_FOR_PEOPLE)],
        service_account: false,
      })
      this.people.push(id)
    }
    if (this.people.length === 0) this.people.push(service.id)
  }

  private crews(): void {
    const stamp = isoTimestamp(EARLIEST)
    const crews = [
      { name: 'Inspection Crew A', company: 2 },
      { name: 'UT Crew', company: 3 },
      { name: 'Rope Access Team', company: 4 },
    ]
    crews.forEach((crew, index) =>
      this.state.insert('crews', {
        id: index + 1,
        name: crew.name,
        description: null,
        company: crew.company,
        users: this.people.filter((_, position) => position % crews.length === index),
        is_active: true,
        created_on: stamp,
        updated_on: stamp,
      }),
    )
  }

  /** Sites → process areas → equipment, ids in depth-first order, then a few moved assets. */
  private assets(): void {
    const total = Math.max(0, Math.floor(this.seed.assets))
    if (total === 0) return
    const sites = Math.max(1, Math.round(total / 100))
    const areas = Math.min(total - sites, Math.max(total > sites ? 1 : 0, Math.round(total * 0.09)))
    const units = total - sites - areas
    const areasOfSite: number[][] = Array.from({ length: sites }, () => [])
    for (let area = 0; area < areas; area += 1) {
      const site = area < sites ? area : this.random.int(0, sites - 1)
      ;(areasOfSite[site] as number[]).push(area)
    }
    const unitsOfArea: number[] = new Array<number>(areas).fill(0)
    for (let unit = 0; unit < units; unit += 1) {
      const area = unit < areas ? unit : this.random.int(0, areas - 1)
      unitsOfArea[area] = (unitsOfArea[area] as number) + 1
    }
    let nextId = 1
    const areaIds: number[] = []
    for (let site = 0; site < sites; site += 1) {
      const siteAsset = this.siteAsset(nextId++, site)
      let areaOrdinal = 0
      for (const area of areasOfSite[site] as number[]) {
        const areaAsset = this.areaAsset(nextId++, siteAsset, areaOrdinal++)
        areaIds.push(areaAsset.id)
        this.structureIds.push(areaAsset.id)
        for (let unit = 0; unit < (unitsOfArea[area] as number); unit += 1) {
          const equipment = this.equipmentAsset(nextId++, areaAsset, area, unit)
          this.equipmentIds.push(equipment.id)
        }
      }
    }
    // Equipment gets moved between areas in real plants; some now sit under a later-created parent.
    const moves = Math.floor(this.equipmentIds.length * 0.005)
    for (let move = 0; move < moves && areaIds.length > 1; move += 1) {
      const unitId = this.random.pick(this.equipmentIds)
      const target = this.random.pick(areaIds)
      const unit = this.state.tables.assets.get(unitId)
      const clash = this.state
        .children(target)
        .some((id) => this.state.tables.assets.get(id)?.name === unit?.name)
      if (unit === undefined || unit.parent === target || clash) continue
      this.state.edit('assets', unitId, { parent: target }, { touch: false })
    }
  }

  private baseAsset(id: number, created: number): Omit<AssetRecord, 'name' | 'type' | 'parent'> {
    const active = this.random.chance(0.98)
    return {
      id,
      owner: 1,
      library: null,
      external_id: `SAP-${1_000_000 + id}`,
      app_key: null,
      description: null,
      location: null,
      geo_point: null,
      installed_on: null,
      manufactured_on: null,
      labels: [],
      manufacturer: null,
      model: null,
      serial_number: null,
      is_active: active,
      deactivated_on: active ? null : isoTimestamp(this.random.instant(created, SEED_EPOCH)),
      asset_condition: null,
      asset_condition_set_by: null,
      asset_path: '',
      created_on: isoTimestamp(created),
      updated_on: isoTimestamp(this.random.instant(created, SEED_EPOCH)),
    }
  }

  private siteAsset(id: number, index: number): AssetRecord {
    const combinations = SITE_PLACES.length * SITE_KINDS.length
    const place = SITE_PLACES[index % SITE_PLACES.length] as string
    const kind = SITE_KINDS[Math.floor(index / SITE_PLACES.length) % SITE_KINDS.length] as string
    const round = Math.floor(index / combinations)
    const created = this.random.instant(EARLIEST, EARLIEST + 180 * DAY)
    return this.state.insert('assets', {
      ...this.baseAsset(id, created),
      name: `${place} ${kind}${round > 0 ? ` ${round + 1}` : ''}`,
      type: ASSET_TYPE_IDS.site,
      parent: null,
      description: `${kind} operated by Sandbox Energy Co.`,
      location: `${place}, Gulf Coast`,
      geo_point: [this.random.float(27.5, 30.8, 6), this.random.float(-97.5, -88.2, 6)],
    })
  }

  private areaAsset(id: number, site: AssetRecord, ordinal: number): AssetRecord {
    const base = AREA_NAMES[ordinal % AREA_NAMES.length] as string
    const round = Math.floor(ordinal / AREA_NAMES.length)
    const created = this.random.instant(Date.parse(site.created_on), EARLIEST + 400 * DAY)
    return this.state.insert('assets', {
      ...this.baseAsset(id, created),
      name: `${base}${round > 0 ? ` ${round + 1}` : ''}`,
      type: ASSET_TYPE_IDS.area,
      parent: site.id,
      description: `${base} at ${site.name}`,
      geo_point: near(site.geo_point, 0.01, this.random),
    })
  }

  private equipmentAsset(id: number, area: AssetRecord, areaIndex: number, ordinal: number) {
    const kind = this.random.pick(EQUIPMENT)
    const created = this.random.instant(Date.parse(area.created_on), SEED_EPOCH - 30 * DAY)
    const installed = this.random.instant(Date.UTC(1975, 0, 1), Date.UTC(2022, 0, 1))
    const trackCondition = kind.typeId !== ASSET_TYPE_IDS.pump
    return this.state.insert('assets', {
      ...this.baseAsset(id, created),
      name: `${kind.tagPrefix}-${(areaIndex % 90) + 10}${String(ordinal + 1).padStart(3, '0')}`,
      type: kind.typeId,
      parent: area.id,
      description: `${ASSET_TYPES[kind.typeId - 1]?.name ?? 'Equipment'} in ${area.name}`,
      location: `Bay ${this.random.int(1, 12)}`,
      geo_point: near(area.geo_point, 0.002, this.random),
      installed_on: isoDate(installed),
      manufactured_on: isoDate(installed - this.random.int(30, 400) * DAY),
      labels: [{ name: 'Criticality', value: this.random.pick(['High', 'Medium', 'Low']) }],
      manufacturer: this.random.pick(kind.manufacturers),
      model: `${kind.tagPrefix}${this.random.int(100, 999)}`,
      serial_number: `SN${this.random.int(100000, 999999)}`,
      asset_condition: trackCondition && this.random.chance(0.6) ? this.random.int(1, 4) : null,
    })
  }

  private projects(): void {
    const total = this.seed.projects ?? Math.round(this.seed.assets / 5)
    if (this.equipmentIds.length + this.structureIds.length === 0) return
    for (let index = 0; index < total; index += 1) {
      const onEquipment = this.equipmentIds.length > 0 && this.random.chance(0.85)
      const assetId = this.random.pick(onEquipment ? this.equipmentIds : this.structureIds)
      const asset = this.state.tables.assets.get(assetId) as AssetRecord
      const types = PROJECT_TYPES.filter((type) => type.asset_types.includes(asset.type))
      const type = this.random.pick(types.length > 0 ? types : PROJECT_TYPES)
      const created = this.random.instant(Date.parse(asset.created_on), SEED_EPOCH - 5 * DAY)
      const status = this.projectStatus(created)
      const start = created + this.random.int(0, 30) * DAY
      const createdBy = this.random.pick(this.people)
      const id = index + 1
      const project: ProjectRecord = {
        id,
        name: `${type.name} – ${asset.name} (${new Date(start).getUTCFullYear()})`,
        type: type.id,
        asset: asset.id,
        parent: null,
        crews: this.random.chance(0.7) ? [this.random.int(1, 3)] : [],
        management_company: 2,
        description: `${type.name} of ${asset.asset_path}.`,
        start: isoDate(start),
        end: isoDate(start + this.random.int(1, 20) * DAY),
        priority: this.random.pick(PROJECT_PRIORITIES),
        status,
        historical_project: false,
        work_done_on:
          status === 'INITIALIZED' || status === 'ASSIGNED'
            ? null
            : isoTimestamp(Math.min(start + this.random.int(0, 10) * DAY, SEED_EPOCH - DAY)),
        asset_condition: null,
        scope: this.random.chance(0.5)
          ? {
              description: `Scope: ${type.name.toLowerCase()} per site procedure.`,
              selected_findings: [],
              selected_cmls: {},
              selected_locations: {},
              selected_sub_assets: {},
              selected_area: null,
              created_on: isoTimestamp(created),
              updated_on: isoTimestamp(created),
            }
          : null,
        created_by: createdBy,
        watchers: [],
        status_history: this.statusHistory(status, created, createdBy),
        created_on: isoTimestamp(created),
        updated_on: isoTimestamp(this.random.instant(created, SEED_EPOCH)),
      }
      this.state.insert('projects', project)
      const list = this.projectsByAsset.get(asset.id)
      if (list === undefined) this.projectsByAsset.set(asset.id, [id])
      else list.push(id)
    }
  }

  private projectStatus(created: number): ProjectStatus {
    // Older work is more likely to be finished.
    const age = (SEED_EPOCH - created) / (SEED_EPOCH - EARLIEST)
    const roll = this.random.next()
    if (roll < age * 0.9) return 'PUBLISHED'
    return this.random.pick(['INITIALIZED', 'ASSIGNED', 'IN_PROGRESS', 'READY_FOR_REVIEW'] as const)
  }

  private statusHistory(status: ProjectStatus, created: number, by: number): ProjectStatusChange[] {
    const order: ProjectStatus[] = [
      'INITIALIZED',
      'ASSIGNED',
      'IN_PROGRESS',
      'READY_FOR_REVIEW',
      'PUBLISHED',
    ]
    return order.slice(0, order.indexOf(status) + 1).map((step, index) => ({
      status: step,
      note: index === 0 ? 'Created' : null,
      modified_by: by,
      created_on: isoTimestamp(created + index * DAY),
    }))
  }

  private cmlsAndMeasurements(): void {
    let cmlId = 0
    let measurementId = 0
    for (const assetId of this.equipmentIds) {
      const asset = this.state.tables.assets.get(assetId) as AssetRecord
      const kind = EQUIPMENT.find((item) => item.typeId === asset.type)
      if (kind === undefined || kind.cmlType === null || !this.random.chance(this.seed.cmlShare))
        continue
      for (let position = 0; position < this.seed.cmlsPerAsset; position += 1) {
        const created = Date.parse(asset.created_on)
        const cml: CmlRecord = {
          id: ++cmlId,
          asset: asset.id,
          name: `CML-${String(position + 1).padStart(2, '0')}`,
          type: kind.cmlType,
          description: null,
          component: this.random.pick(COMPONENTS),
          location_code: `${position + 1}`,
          location_zone: this.random.pick(LOCATION_ZONES),
          access: this.random.chance(0.2) ? 'Scaffold' : null,
          geo_point: near(asset.geo_point, 0.0002, this.random),
          heading: null,
          pitch: null,
          local_coordinates: null,
          layer: null,
          installed_on: null,
          is_active: true,
          deactivated_on: null,
          labels: [],
          external_id: null,
          app_key: null,
          next_inspection_date: isoDate(SEED_EPOCH + this.random.int(30, 900) * DAY),
          created_on: isoTimestamp(created),
          updated_on: isoTimestamp(this.random.instant(created, SEED_EPOCH)),
        }
        this.state.insert('cmls', cml)
        measurementId = this.measurements(cml, measurementId)
      }
    }
  }

  /** Thickness readings that thin out over the years, as corroding steel does. */
  private measurements(cml: CmlRecord, lastId: number): number {
    let id = lastId
    const nominal = this.random.pick([0.25, 0.322, 0.375, 0.5])
    let value = nominal - this.random.float(0, 0.02, 3)
    const projects = this.projectsByAsset.get(cml.asset) ?? []
    let collected = Date.parse(cml.created_on)
    for (let reading = 0; reading < this.seed.measurementsPerCml; reading += 1) {
      collected = this.random.instant(collected, Math.max(collected + DAY, SEED_EPOCH - DAY))
      const user = this.random.pick(this.people)
      const person = this.state.tables.users.get(user)
      this.state.insert('measurements', {
        id: ++id,
        cml: cml.id,
        value: Math.round(value * 1000) / 1000,
        units: 'in',
        type: cml.type === 'TANK' ? 'UT_TANK' : 'UT_PIPE',
        state: 'ACTIVE',
        readings: {
          values: [value, value + 0.002, value - 0.001].map((v) => Math.round(v * 1000) / 1000),
        },
        collected_by: user,
        collected_by_display: person?.name ?? null,
        collected_on: isoTimestamp(collected),
        comment: null,
        nominal: false,
        offset: '',
        project: projects.length > 0 ? this.random.pick(projects) : null,
        source_checklist: null,
        source_checklist_line: '',
        temperature: this.random.chance(0.5) ? this.random.int(60, 180) : null,
        uncorrected_value: null,
        calculations: {},
        extras: {},
        external_id: null,
        app_key: null,
        created_on: isoTimestamp(collected),
        updated_on: isoTimestamp(collected),
      })
      value -= this.random.float(0.002, 0.015, 3)
    }
    return id
  }

  private media(): void {
    const files = sampleFiles()
    const photos = files.filter((file) => file.documentCategory === 'image')
    const report = files.find((file) => file.documentCategory === 'document')
    let id = 0
    for (const project of this.state.tables.projects.all()) {
      const asset = this.state.tables.assets.get(project.asset)
      for (let index = this.random.count(this.seed.mediaPerProject); index > 0; index -= 1) {
        id += 1
        const file =
          report !== undefined && this.random.chance(0.12) ? report : this.random.pick(photos)
        const filename =
          file === report
            ? `report-${project.id}-${id}.pdf`
            : `IMG_${String(id).padStart(5, '0')}.${file.filenameExtension}`
        const uploaded = this.random.chance(0.96)
        const created = this.random.instant(Date.parse(project.created_on), SEED_EPOCH)
        const isImage = file.documentCategory === 'image'
        this.state.insert('media', {
          id,
          name: filename,
          filename,
          state: uploaded ? 'UPLOADED' : 'CREATED',
          size: uploaded ? file.bytes.length : null,
          media_type: file.mediaType,
          document_category: file.documentCategory,
          ...unsetMediaFields(),
          project: project.id,
          checklist: null,
          captured_on: isImage ? isoTimestamp(created - this.random.int(0, 48) * 3_600_000) : null,
          geo_point: isImage ? near(asset?.geo_point ?? null, 0.0005, this.random) : null,
          heading: isImage ? this.random.int(0, 359) : null,
          created_by: this.random.pick(this.people),
          created_on: isoTimestamp(created),
          updated_on: isoTimestamp(created),
          // Seeded uploads share one object per sample file; their renditions are made on demand.
          storage: uploaded
            ? {
                object: `seed/${file.key}`,
                thumbnail: isImage ? `seed/${file.key}/thumbnail.jpg` : null,
                preview: isImage ? `seed/${file.key}/preview.jpg` : null,
              }
            : { object: `media/${id}/never-uploaded/${filename}`, thumbnail: null, preview: null },
        })
      }
    }
  }

  private checklists(): void {
    let id = 0
    for (const project of this.state.tables.projects.all()) {
      const type = this.state.tables.projectTypes.get(project.type)
      const templateId = type?.checklist_template ?? 1
      const template = this.state.tables.checklistTemplates.get(templateId)
      if (template === undefined) continue
      for (let index = this.random.count(this.seed.checklistsPerProject); index > 0; index -= 1) {
        id += 1
        const results: ChecklistResults = {}
        for (const section of template.sections) {
          const answers: ChecklistResults[string] = {}
          for (const line of section.lines) {
            if (!this.random.chance(0.9)) continue
            const value =
              line.type === 'number'
                ? this.random.float(0, 120, 2)
                : line.type === 'boolean'
                  ? this.random.chance(0.8)
                  : line.type === 'select'
                    ? this.random.pick(line.options ?? ['n/a'])
                    : this.random.pick(TEXT_ANSWERS)
            answers[line.key] = { value, notes: this.random.chance(0.1) ? 'Checked twice.' : null }
          }
          results[section.key] = answers
        }
        const by = this.random.pick(this.people)
        const created = this.random.instant(Date.parse(project.created_on), SEED_EPOCH)
        const revisionId = ++this.state.revisionSequence
        this.state.insert('checklists', {
          id,
          template_id: templateId,
          project: project.id,
          asset: project.asset,
          created_by: by,
          uploaded_by: by,
          edit: structuredClone(results),
          results,
          flags: {},
          schedule_tasks: [],
          work_done_on: isoTimestamp(created),
          revisions: [
            {
              id: revisionId,
              edit: structuredClone(results),
              revert: false,
              uploaded_by: by,
              updated_on: isoTimestamp(created),
            },
          ],
          created_on: isoTimestamp(created),
          updated_on: isoTimestamp(created),
        })
      }
    }
  }

  private defects(): void {
    let id = 0
    for (const project of this.state.tables.projects.all()) {
      const asset = this.state.tables.assets.get(project.asset)
      for (let index = this.random.count(this.seed.defectsPerProject); index > 0; index -= 1) {
        id += 1
        const severity = this.random.pick([1, 1, 2, 2, 2, 3, 3, 4])
        const type = this.random.pick(DEFECT_PROFILE.type_options)
        const state = this.defectState(project.status)
        const created = this.random.instant(Date.parse(project.created_on), SEED_EPOCH)
        const by = this.random.pick(this.people)
        const zone = this.random.pick(LOCATION_ZONES)
        const length = this.random.chance(0.6) ? this.random.int(5, 400) : null
        const width = length === null ? null : this.random.int(2, 120)
        this.state.insert('defects', {
          id,
          asset: project.asset,
          profile: DEFECT_PROFILE.id,
          project: project.id,
          checklist: null,
          checklist_line: null,
          type: type.value,
          sub_type: this.random.chance(0.5)
            ? this.random.pick(DEFECT_PROFILE.sub_type_options).value
            : null,
          severity,
          priority: this.random.pick(DEFECT_PRIORITIES),
          state,
          description: this.random.pick(DEFECT_DESCRIPTIONS),
          labels: [],
          geo_point: near(asset?.geo_point ?? null, 0.0003, this.random),
          heading: null,
          pitch: null,
          local_coordinates: null,
          location_code: `${zone.charAt(0)}-${this.random.int(1, 40)}`,
          location_zone: zone,
          component: this.random.pick(COMPONENTS),
          access: null,
          layer: null,
          length,
          width,
          area: length === null || width === null ? null : length * width,
          captured_on: isoTimestamp(created),
          repair_by: severity >= 3 ? isoDate(created + this.random.int(14, 120) * DAY) : null,
          next_inspection_date: isoDate(created + this.random.int(180, 720) * DAY),
          newer_defect: null,
          external_id: null,
          created_by: by,
          modified_by: by,
          history: [
            {
              state,
              note: 'Recorded during inspection.',
              modified_by: by,
              created_on: isoTimestamp(created),
            },
          ],
          created_on: isoTimestamp(created),
          updated_on: isoTimestamp(this.random.instant(created, SEED_EPOCH)),
        })
      }
    }
  }

  private defectState(status: ProjectStatus): DefectState {
    if (status !== 'PUBLISHED') return this.random.pick(['PENDING', 'OPEN'] as const)
    return this.random.pick(['OPEN', 'MONITOR', 'REPAIR', 'REPAIRED', 'CLOSED'] as const)
  }
}

/** A point within `spread` degrees of `origin` (null stays null). */
function near(origin: number[] | null, spread: number, random: Random): number[] | null {
  if (origin === null) return null
  const [lat = 0, lon = 0] = origin
  return [
    Math.round((lat + (random.next() - 0.5) * 2 * spread) * 1e6) / 1e6,
    Math.round((lon + (random.next() - 0.5) * 2 * spread) * 1e6) / 1e6,
  ]
}
