import type {
  AssetTypeRecord,
  ChecklistTemplateSection,
  CmlType,
  DefectProfileRecord,
  ProjectTypeRecord,
} from '../state/records'

/** Word lists and fixed lookup rows the generator draws from. Realistic, invented, in one place. */

export const FIRST_NAMES = [
  'Avery',
  'Jordan',
  'Priya',
  'Mateo',
  'Hannah',
  'Kwame',
  'Lucia',
  'Noah',
  'Mei',
  'Oskar',
  'Fatima',
  'Diego',
  'Ingrid',
  'Samuel',
  'Aiko',
  'Ravi',
] as const

export const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'Ramirez',
  'Chen',
  'Novak',
  'Patel',
  'Brennan',
  'Haddad',
  'Kowalski',
  'Nakamura',
  'Fischer',
  'Moreau',
  'Adeyemi',
  'Santos',
] as const

export const SITE_PLACES = [
  'Bayport',
  'Corpus Christi',
  'Lake Charles',
  'Baytown',
  'Port Arthur',
  'Mobile',
  'Pascagoula',
  'Freeport',
  'Texas City',
  'Beaumont',
] as const

export const SITE_KINDS = [
  'Refinery',
  'Terminal',
  'Chemical Plant',
  'Gas Plant',
  'Tank Farm',
] as const

export const AREA_NAMES = [
  'Crude Unit',
  'Vacuum Unit',
  'Hydrotreater',
  'Reformer',
  'FCC Unit',
  'Alkylation',
  'Sulfur Recovery',
  'Utilities',
  'Tank Farm',
  'Flare System',
  'Cooling Water',
  'Dock',
] as const

/** Asset type ids used by the generator (the rows below are inserted in this order). */
export const ASSET_TYPE_IDS = {
  site: 1,
  area: 2,
  vessel: 3,
  piping: 4,
  tank: 5,
  exchanger: 6,
  pump: 7,
} as const

type AssetTypeSeed = Omit<AssetTypeRecord, 'created_on' | 'updated_on'>

export const ASSET_TYPES: readonly AssetTypeSeed[] = [
  assetType(1, 'Site', false, 'DISABLED', 'FIXED'),
  assetType(2, 'Process Area', false, 'DISABLED', 'FIXED'),
  assetType(3, 'Pressure Vessel', true, 'DISABLED', 'FIXED'),
  assetType(4, 'Piping Circuit', true, 'PIPE', 'FIXED_LINEAR'),
  assetType(5, 'Storage Tank', true, 'TANK', 'FIXED'),
  assetType(6, 'Heat Exchanger', true, 'DISABLED', 'FIXED'),
  assetType(7, 'Pump', true, 'DISABLED', 'FIXED'),
]

function assetType(
  id: number,
  name: string,
  trackCondition: boolean,
  cmlMode: AssetTypeSeed['cml_mode'],
  geoMode: AssetTypeSeed['geo_mode'],
): AssetTypeSeed {
  return {
    id,
    name,
    is_active: true,
    track_asset_condition: trackCondition,
    cml_mode: cmlMode,
    geo_mode: geoMode,
    library_mode: 'DISABLED',
    manufacturer: null,
    model: null,
  }
}

/** Equipment types, the tag prefix of their names, and the CML type they carry (if any). */
export const EQUIPMENT: readonly {
  typeId: number
  tagPrefix: string
  cmlType: CmlType | null
  manufacturers: readonly string[]
}[] = [
  { typeId: 3, tagPrefix: 'V', cmlType: 'VESSEL', manufacturers: ['CB&I', 'Nooter', 'Matrix'] },
  { typeId: 4, tagPrefix: 'L', cmlType: 'PIPE', manufacturers: ['Bechtel', 'Fluor'] },
  { typeId: 5, tagPrefix: 'T', cmlType: 'TANK', manufacturers: ['CB&I', 'Matrix'] },
  { typeId: 6, tagPrefix: 'E', cmlType: 'VESSEL', manufacturers: ['Alfa Laval', 'Koch'] },
  { typeId: 7, tagPrefix: 'P', cmlType: null, manufacturers: ['Flowserve', 'Sulzer', 'KSB'] },
]

type ProjectTypeSeed = Omit<ProjectTypeRecord, 'created_on' | 'updated_on'>

export const PROJECT_TYPES: readonly ProjectTypeSeed[] = [
  projectType(1, 'API 510 Vessel Inspection', [3, 6], 'DISABLED', 1),
  projectType(2, 'API 570 Piping Inspection', [4], 'UT_PIPE_STD', 2),
  projectType(3, 'API 653 Tank Inspection', [5], 'UT_TANK_STD', 2),
  projectType(4, 'Drone Visual Survey', [1, 2, 3, 4, 5, 6, 7], 'DISABLED', 1),
  projectType(5, 'UT Thickness Survey', [3, 4, 5, 6], 'UT_PIPE_MT', 2),
  projectType(6, 'Repair Work Order', [3, 4, 5, 6, 7], 'DISABLED', 3),
]

function projectType(
  id: number,
  name: string,
  assetTypes: number[],
  monitoring: ProjectTypeSeed['monitoring_mode'],
  checklistTemplate: number,
): ProjectTypeSeed {
  return {
    id,
    name,
    is_active: true,
    asset_types: assetTypes,
    affects_asset_condition: monitoring !== 'DISABLED' || id === 1,
    monitoring_mode: monitoring,
    checklist_template: checklistTemplate,
    defect_profile: 1,
    planned_duration: 'P5D',
    track_tasks: false,
  }
}

export const DEFECT_PROFILE: Omit<DefectProfileRecord, 'created_on' | 'updated_on'> = {
  id: 1,
  name: 'Fixed Equipment Findings',
  description: 'Findings on static equipment: vessels, piping, tanks and exchangers.',
  version: '3.1',
  state: 'ACTIVE',
  severity_mode: 'LIST',
  severity_options: [
    { value: 1, label: 'Low' },
    { value: 2, label: 'Medium' },
    { value: 3, label: 'High' },
    { value: 4, label: 'Critical' },
  ],
  type_mode: 'LIST',
  type_options: [
    { value: 'CORROSION', label: 'Corrosion' },
    { value: 'CRACK', label: 'Crack' },
    { value: 'COATING', label: 'Coating Damage' },
    { value: 'LEAK', label: 'Leak' },
    { value: 'EROSION', label: 'Erosion' },
    { value: 'DENT', label: 'Dent / Deformation' },
    { value: 'INSULATION', label: 'Damaged Insulation' },
  ],
  sub_type_mode: 'LIST',
  sub_type_options: [
    { value: 'EXTERNAL', label: 'External' },
    { value: 'INTERNAL', label: 'Internal' },
    { value: 'CUI', label: 'Corrosion Under Insulation' },
  ],
  labels_mode: 'FREE',
  label_options: [],
}

export const COMPONENTS = [
  'Shell',
  'Head',
  'Nozzle N1',
  'Nozzle N2',
  'Support Skirt',
  'Elbow',
  'Flange',
  'Weld Seam',
  'Roof',
  'Floor Plate',
  'Bolting',
] as const

export const LOCATION_ZONES = ['North', 'South', 'East', 'West', 'Top', 'Bottom'] as const

export const DEFECT_DESCRIPTIONS = [
  'General wall loss observed around the area.',
  'Paint blistering with surface rust underneath.',
  'Linear indication found at the toe of the weld.',
  'Weeping at the gasket, staining on the flange face.',
  'Pitting up to 2 mm deep across a small patch.',
  'Insulation jacketing damaged, moisture ingress likely.',
  'Minor dent, no cracking visible.',
] as const

export const CHECKLIST_TEMPLATES: readonly {
  id: number
  name: string
  type: 'ANYTIME' | 'PROJECT' | 'ALL'
  sections: ChecklistTemplateSection[]
}[] = [
  {
    id: 1,
    name: 'External Visual Inspection',
    type: 'PROJECT',
    sections: [
      {
        key: 'general',
        label: 'General',
        description: 'Conditions at the time of inspection.',
        lines: [
          {
            key: 'weather',
            label: 'Weather',
            type: 'select',
            options: ['Clear', 'Cloudy', 'Rain'],
          },
          { key: 'ambient_temp', label: 'Ambient temperature', type: 'number', units: 'degF' },
          { key: 'access_ok', label: 'Safe access available', type: 'boolean' },
        ],
      },
      {
        key: 'condition',
        label: 'Condition',
        description: 'Observed condition of the equipment.',
        lines: [
          {
            key: 'coating',
            label: 'Coating condition',
            type: 'select',
            options: ['Good', 'Fair', 'Poor'],
          },
          { key: 'insulation', label: 'Insulation intact', type: 'boolean' },
          { key: 'leaks', label: 'Evidence of leaks', type: 'boolean' },
          { key: 'notes', label: 'Inspector notes', type: 'text' },
        ],
      },
    ],
  },
  {
    id: 2,
    name: 'UT Thickness Readings',
    type: 'PROJECT',
    sections: [
      {
        key: 'setup',
        label: 'Instrument setup',
        description: 'Calibration of the UT gauge.',
        lines: [
          { key: 'gauge_serial', label: 'Gauge serial number', type: 'text' },
          {
            key: 'calibration_block',
            label: 'Calibration block (in)',
            type: 'number',
            units: 'in',
          },
          { key: 'couplant', label: 'Couplant', type: 'select', options: ['Gel', 'Glycerin'] },
        ],
      },
      {
        key: 'summary',
        label: 'Summary',
        description: 'Outcome of the survey.',
        lines: [
          { key: 'min_reading', label: 'Minimum reading (in)', type: 'number', units: 'in' },
          { key: 'below_tmin', label: 'Any reading below t-min', type: 'boolean' },
          { key: 'comments', label: 'Comments', type: 'text' },
        ],
      },
    ],
  },
  {
    id: 3,
    name: 'Repair Completion',
    type: 'ALL',
    sections: [
      {
        key: 'work',
        label: 'Work performed',
        description: 'What was repaired and how.',
        lines: [
          {
            key: 'method',
            label: 'Repair method',
            type: 'select',
            options: ['Weld repair', 'Clamp', 'Recoat', 'Replace'],
          },
          { key: 'hours', label: 'Labour hours', type: 'number' },
          { key: 'qa_signed', label: 'QA sign-off', type: 'boolean' },
        ],
      },
    ],
  },
]

export const TEXT_ANSWERS = [
  'No issues found.',
  'See attached photos.',
  'Follow up at next turnaround.',
  'Readings consistent with last survey.',
  'GE-2291',
  'Area barricaded during work.',
] as const

export const PROJECT_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'A1'] as const
export const DEFECT_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
