import type {
  AssetEventTypeRecord,
  AssetTypeRecord,
  ExecutiveDirector,
  OrganizationRecord,
  Privilege,
} from '../state/records'

/** Fixed lookup rows and word lists the generator draws from. Realistic, invented, in one place. */

type OrganizationSeed = Omit<OrganizationRecord, 'id' | 'executive_director'> & {
  director: Pick<ExecutiveDirector, 'first_name' | 'last_name' | 'title'>
}

export const ORGANIZATIONS: readonly OrganizationSeed[] = [
  org(
    'Bayview Regional Transit Authority',
    'BRTA',
    'TransitOperator',
    'Bayview',
    'Harbor',
    '1200 Market Street',
    '19107',
    ['Dana', 'Whitfield', 'Chief Executive Officer'],
  ),
  org(
    'Riverbend Metro Transit',
    'RMT',
    'TransitOperator',
    'Riverbend',
    'Clarion',
    '45 Depot Road',
    '16214',
    ['Marcus', 'Ellery', 'General Manager'],
  ),
  org(
    'Lakeshore Commuter Rail',
    'LCR',
    'TransitOperator',
    'Port Lakeshore',
    'Erie',
    '3 Station Plaza',
    '16501',
    ['Helen', 'Okonkwo', 'Executive Director'],
  ),
  org(
    'Cedar Valley Paratransit',
    'CVPT',
    'TransitOperator',
    'Cedar Falls',
    'Cedar',
    '780 Orchard Avenue',
    '17201',
    ['Tomas', 'Reyes', 'Director of Operations'],
  ),
  org(
    'Tri-County Planning Commission',
    'TCPC',
    'PlanningPartner',
    'Bayview',
    'Harbor',
    '200 Civic Center Drive',
    '19108',
    ['Gwen', 'Hartley', 'Executive Director'],
  ),
  org(
    'Northern Tier Transit',
    'NTT',
    'TransitOperator',
    'Wellsboro Junction',
    'Tioga',
    '18 Canal Street',
    '16901',
    ['Ruth', 'Calloway', 'Transit Director'],
  ),
]

function org(
  name: string,
  shortName: string,
  type: OrganizationRecord['organization_type'],
  city: string,
  county: string,
  address1: string,
  zip: string,
  [first, last, title]: [string, string, string],
): OrganizationSeed {
  return {
    organization_type: type,
    name,
    short_name: shortName,
    legal_name: `${name}${type === 'PlanningPartner' ? '' : ' (Authority)'}`,
    address1,
    address2: null,
    county,
    city,
    state: 'PA',
    zip,
    phone: '',
    url: `https://www.${shortName.toLowerCase()}.example`,
    latitude: null,
    longitude: null,
    agency_office_address: `${address1}, ${city}, PA ${zip}`,
    director: { first_name: first, last_name: last, title },
  }
}

export const FIRST_NAMES = [
  'Alicia',
  'Ben',
  'Carmen',
  'Darnell',
  'Elena',
  'Farid',
  'Grace',
  'Hector',
  'Ivy',
  'Jamal',
  'Keiko',
  'Leon',
  'Maya',
  'Nate',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
] as const

export const LAST_NAMES = [
  'Abernathy',
  'Barros',
  'Castellano',
  'Dubois',
  'Engstrom',
  'Fitzgerald',
  'Gutierrez',
  'Hoffmann',
  'Iwasaki',
  'Jablonski',
  'Kovacs',
  'Lindgren',
  'Mbeki',
  'Novotny',
  'Oyelaran',
] as const

export const PRIVILEGES: Record<string, Privilege> = {
  manager: { name: 'manager', label: 'Manager' },
  transit_manager: { name: 'transit_manager', label: 'Transit Manager' },
  user: { name: 'user', label: 'User' },
  guest: { name: 'guest', label: 'Guest' },
  technical_contact: { name: 'technical_contact', label: 'Technical Contact' },
}

export const ASSET_TYPES: readonly AssetTypeRecord[] = [
  { id: 1, name: 'Revenue Vehicles', description: 'Buses, vans and cutaways in passenger service' },
  { id: 2, name: 'Rail Cars', description: 'Light rail vehicles and commuter rail coaches' },
  { id: 3, name: 'Support Vehicles', description: 'Non-revenue service and supervisor vehicles' },
  {
    id: 4,
    name: 'Transit Facilities',
    description: 'Passenger stations, transit centers and park & ride lots',
  },
  {
    id: 5,
    name: 'Support Facilities',
    description: 'Maintenance, storage and administration buildings',
  },
  { id: 6, name: 'Maintenance Equipment', description: 'Shop equipment used to maintain vehicles' },
  {
    id: 7,
    name: 'Facility Equipment',
    description: 'Building systems and fixed plant at facilities',
  },
]

export type Category =
  | 'bus'
  | 'paratransit'
  | 'light-rail'
  | 'commuter-rail'
  | 'support-vehicle'
  | 'facility'
  | 'maintenance-equipment'
  | 'facility-equipment'

export interface SubtypeSeed {
  id: number
  typeId: number
  name: string
  description: string
  category: Category
  assetibleType: string
  /** Manufacturer ids it is drawn from (none for facilities). */
  manufacturers: readonly number[]
  /** Purchase cost range in dollars. */
  cost: readonly [number, number]
  /** For facilities: the tag code and place names. */
  facilityCode?: string
  places?: readonly string[]
}

export const SUBTYPES: readonly SubtypeSeed[] = [
  sub(
    1,
    1,
    'Bus Std 40 FT',
    'Standard 40 foot transit bus',
    'bus',
    'RevenueVehicle',
    [1, 2, 3, 4],
    [480_000, 1_050_000],
  ),
  sub(
    2,
    1,
    'Bus Std 35 FT',
    'Standard 35 foot transit bus',
    'bus',
    'RevenueVehicle',
    [1, 2, 3],
    [450_000, 900_000],
  ),
  sub(
    3,
    1,
    'Bus Articulated 60 FT',
    'Articulated 60 foot transit bus',
    'bus',
    'RevenueVehicle',
    [2, 3],
    [780_000, 1_400_000],
  ),
  sub(
    4,
    1,
    'Cutaway Bus',
    'Body-on-chassis cutaway for demand response',
    'paratransit',
    'RevenueVehicle',
    [5, 9],
    [95_000, 160_000],
  ),
  sub(
    5,
    2,
    'Light Rail Vehicle',
    'Low-floor articulated light rail vehicle',
    'light-rail',
    'RevenueVehicle',
    [6, 7],
    [3_200_000, 4_800_000],
  ),
  sub(
    6,
    2,
    'Commuter Rail Passenger Coach',
    'Bi-level commuter rail coach',
    'commuter-rail',
    'RevenueVehicle',
    [8, 6],
    [2_400_000, 3_600_000],
  ),
  sub(
    7,
    3,
    'Service Truck',
    'Road call and service truck',
    'support-vehicle',
    'ServiceVehicle',
    [9, 10],
    [48_000, 95_000],
  ),
  sub(
    8,
    3,
    'Supervisor Vehicle',
    'Field supervisor SUV',
    'support-vehicle',
    'ServiceVehicle',
    [9, 10],
    [38_000, 62_000],
  ),
  fac(9, 4, 'Bus Transit Center', 'TC', [
    'Downtown Transit Center',
    'Eastgate Transit Center',
    'Westfield Transit Center',
  ]),
  fac(10, 4, 'Rail Station', 'STA', [
    'Union Station',
    'Harbor Street Station',
    'College Park Station',
    'Mill Creek Station',
  ]),
  fac(11, 4, 'Park and Ride Lot', 'PNR', [
    'Route 9 Park & Ride',
    'Pine Hill Park & Ride',
    'Airport Road Park & Ride',
  ]),
  fac(12, 5, 'Bus Maintenance Garage', 'GAR', [
    'Central Maintenance Garage',
    'Northside Bus Garage',
    'Southside Bus Garage',
  ]),
  fac(13, 5, 'Administration Building', 'ADM', [
    'Administration Building',
    'Operations Control Center',
  ]),
  fac(14, 5, 'Rail Yard and Shop', 'YRD', ['Riverside Rail Yard & Shop', 'Lakeshore Coach Yard']),
  sub(
    15,
    6,
    'Vehicle Lift',
    'Heavy-duty vehicle lift',
    'maintenance-equipment',
    'CapitalEquipment',
    [11, 12],
    [35_000, 240_000],
  ),
  sub(
    16,
    6,
    'Bus Wash System',
    'Drive-through bus wash',
    'maintenance-equipment',
    'CapitalEquipment',
    [13],
    [180_000, 420_000],
  ),
  sub(
    17,
    6,
    'Air Compressor',
    'Shop air compressor',
    'maintenance-equipment',
    'CapitalEquipment',
    [14],
    [15_000, 60_000],
  ),
  sub(
    18,
    7,
    'Backup Generator',
    'Standby diesel generator',
    'facility-equipment',
    'CapitalEquipment',
    [15, 16],
    [60_000, 310_000],
  ),
  sub(
    19,
    7,
    'HVAC System',
    'Rooftop HVAC unit',
    'facility-equipment',
    'CapitalEquipment',
    [17, 18],
    [40_000, 220_000],
  ),
  sub(
    20,
    7,
    'Fuel Storage Tank',
    'Above-ground diesel storage tank',
    'facility-equipment',
    'CapitalEquipment',
    [19],
    [45_000, 180_000],
  ),
  sub(
    21,
    7,
    'Air Receiver Tank',
    'Compressed air receiver (pressure vessel)',
    'facility-equipment',
    'CapitalEquipment',
    [14, 19],
    [8_000, 40_000],
  ),
  sub(
    22,
    7,
    'Fuel Piping System',
    'Fuel dispensing and transfer piping',
    'facility-equipment',
    'CapitalEquipment',
    [19],
    [30_000, 150_000],
  ),
  sub(
    23,
    7,
    'Heat Exchanger',
    'Shell-and-tube heat exchanger',
    'facility-equipment',
    'CapitalEquipment',
    [17, 18],
    [20_000, 120_000],
  ),
  sub(
    24,
    7,
    'Fuel Pump',
    'Diesel transfer pump',
    'facility-equipment',
    'CapitalEquipment',
    [14, 19],
    [6_000, 35_000],
  ),
  sub(
    25,
    7,
    'Other Facility Equipment',
    'Facility equipment not listed elsewhere',
    'facility-equipment',
    'CapitalEquipment',
    [20],
    [5_000, 80_000],
  ),
]

function sub(
  id: number,
  typeId: number,
  name: string,
  description: string,
  category: Category,
  assetibleType: string,
  manufacturers: readonly number[],
  cost: readonly [number, number],
): SubtypeSeed {
  return { id, typeId, name, description, category, assetibleType, manufacturers, cost }
}

function fac(id: number, typeId: number, name: string, code: string, places: readonly string[]) {
  return {
    ...sub(id, typeId, name, name, 'facility', 'Facility', [], [2_500_000, 38_000_000]),
    facilityCode: code,
    places,
  }
}

/** HUVR tag prefix → the subtype a mirrored asset gets (pressure vessel → air receiver, …). */
export const MIRROR_SUBTYPES: Record<string, number> = { V: 21, L: 22, T: 20, E: 23, P: 24 }
export const OTHER_FACILITY_EQUIPMENT = 25

export interface ManufacturerSeed {
  id: number
  name: string
  code: string
  /** First five characters of its VINs (vehicles only). */
  wmi?: string
  models: readonly string[]
}

export const MANUFACTURERS: readonly ManufacturerSeed[] = [
  {
    id: 1,
    name: 'Gillig',
    code: 'GIL',
    wmi: '15GGD',
    models: ["Low Floor 40'", "Low Floor 35'", 'BRT Plus'],
  },
  {
    id: 2,
    name: 'New Flyer',
    code: 'NFI',
    wmi: '5FYD8',
    models: ['Xcelsior XD40', 'Xcelsior XE40', 'Xcelsior XD60'],
  },
  { id: 3, name: 'Nova Bus', code: 'NOV', wmi: '4RKD5', models: ['LFS 40', 'LFS Artic'] },
  { id: 4, name: 'Proterra', code: 'PRO', wmi: '7JZTH', models: ['ZX5 40'] },
  { id: 5, name: 'ElDorado National', code: 'ELD', wmi: '1N9MN', models: ['Aerotech 240'] },
  { id: 6, name: 'Siemens', code: 'SIE', models: ['S70', 'S700'] },
  { id: 7, name: 'Kinkisharyo', code: 'KIN', models: ['Type 3 LRV'] },
  { id: 8, name: 'Bombardier', code: 'BOM', models: ['BiLevel Coach'] },
  {
    id: 9,
    name: 'Ford',
    code: 'FRD',
    wmi: '1FTBW',
    models: ['E-450 Cutaway', 'F-550 Service Body', 'Explorer'],
  },
  { id: 10, name: 'Chevrolet', code: 'CHV', wmi: '1GB3K', models: ['Silverado 3500HD', 'Tahoe'] },
  { id: 11, name: 'Stertil-Koni', code: 'STK', models: ['ST-1075 Mobile Column Lift'] },
  { id: 12, name: 'Rotary Lift', code: 'ROT', models: ['MOD35 In-Ground Lift'] },
  { id: 13, name: 'InterClean', code: 'ICL', models: ['Hurricane Bus Wash'] },
  {
    id: 14,
    name: 'Ingersoll Rand',
    code: 'IRC',
    models: ['R37 Rotary Screw Compressor', 'Type 30 Receiver Package'],
  },
  { id: 15, name: 'Cummins', code: 'CUM', models: ['C500 D6 Genset'] },
  { id: 16, name: 'Kohler', code: 'KOH', models: ['KD800 Generator'] },
  { id: 17, name: 'Carrier', code: 'CAR', models: ['WeatherMaker 48LC'] },
  { id: 18, name: 'Trane', code: 'TRN', models: ['Voyager 3'] },
  { id: 19, name: 'Modern Welding', code: 'MWC', models: ['Double-Wall Fireguard Tank'] },
  { id: 20, name: 'Other', code: 'ZZZ', models: ['Other'] },
]

export const VENDORS = [
  { name: 'Creative Bus Sales', city: 'Bayview', zip: '19112' },
  { name: 'Model 1 Commercial Vehicles', city: 'Riverbend', zip: '16220' },
  { name: 'Siemens Mobility Inc.', city: 'Port Lakeshore', zip: '16502' },
  { name: 'Transit Equipment Supply Co.', city: 'Cedar Falls', zip: '17202' },
  { name: 'Keystone Mechanical Services', city: 'Bayview', zip: '19110' },
] as const

export const EVENT_TYPES: readonly AssetEventTypeRecord[] = [
  { id: 1, name: 'Condition', class_name: 'ConditionUpdateEvent' },
  { id: 2, name: 'Service Status', class_name: 'ServiceStatusUpdateEvent' },
]

export const CONDITION_COMMENTS = [
  'Annual condition assessment.',
  'Body panels show minor corrosion.',
  'Interior worn but serviceable.',
  'Mid-life overhaul completed.',
  null,
] as const

/** Document kinds per category: description (with {year}) and file name stem (with {tag}). */
export const DOCUMENT_KINDS: Record<
  'vehicle' | 'rail' | 'facility' | 'equipment',
  readonly [string, string][]
> = {
  vehicle: [
    ['Maintenance manual – {model}', '{mfg}_{model}_Maintenance_Manual'],
    ['Annual inspection report {year}', '{tag}_Annual_Inspection_{year}'],
    ['Certificate of title', '{tag}_Certificate_of_Title'],
    ['Warranty certificate', '{tag}_Warranty_Certificate'],
    ['Brake inspection report {year}', '{tag}_Brake_Inspection_{year}'],
    ['Fire suppression system certificate {year}', '{tag}_Fire_Suppression_Cert_{year}'],
    ['Wheelchair lift inspection {year}', '{tag}_ADA_Lift_Inspection_{year}'],
  ],
  rail: [
    ['Vehicle maintenance manual – {model}', '{mfg}_{model}_Vehicle_Maintenance_Manual'],
    ['Periodic inspection report {year}', '{tag}_Periodic_Inspection_{year}'],
    ['Truck overhaul record {year}', '{tag}_Truck_Overhaul_{year}'],
    ['Safety certification', '{tag}_Safety_Certification'],
  ],
  facility: [
    ['Certificate of occupancy', '{tag}_Certificate_of_Occupancy'],
    ['Fire safety inspection {year}', '{tag}_Fire_Safety_Inspection_{year}'],
    ['Elevator inspection certificate {year}', '{tag}_Elevator_Certificate_{year}'],
    ['Roof condition assessment {year}', '{tag}_Roof_Assessment_{year}'],
  ],
  equipment: [
    ['Operation and maintenance manual – {model}', '{mfg}_{model}_OM_Manual'],
    ['Annual safety inspection {year}', '{tag}_Annual_Safety_Inspection_{year}'],
    ['Calibration certificate {year}', '{tag}_Calibration_Certificate_{year}'],
    ['Pressure vessel inspection certificate {year}', '{tag}_Pressure_Vessel_Cert_{year}'],
  ],
}
