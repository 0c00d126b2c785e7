import type { AssetRecord } from '../state/records'
import type { TransamState } from '../state/state'

/**
 * The query fields `POST /api/v1/assets/filter` understands. Real TransAM reads them from its
 * query_fields table; ids, names and operators here are the simulator's own [U], served by
 * `GET /api/v1/query_fields`.
 */
export interface QueryField {
  id: number
  name: string
  label: string
  filter_type: 'text' | 'integer' | 'date'
  query_category_id: number
  read(state: TransamState, asset: AssetRecord): string | number | null
}

export const QUERY_FIELDS: readonly QueryField[] = [
  field(1, 'organization_id', 'Organization', 'integer', 1, (_, a) => a.organization_id),
  field(2, 'object_key', 'Object Key', 'text', 1, (_, a) => a.object_key),
  field(3, 'asset_tag', 'Asset Tag', 'text', 1, (_, a) => a.asset_tag),
  field(4, 'external_id', 'External ID', 'text', 1, (_, a) => a.external_id),
  field(5, 'asset_subtype_id', 'Asset Subtype', 'integer', 2, (_, a) => a.asset_subtype_id),
  field(
    6,
    'asset_type_id',
    'Asset Type',
    'integer',
    2,
    (s, a) => s.assetSubtypes.get(a.asset_subtype_id)?.asset_type_id ?? null,
  ),
  field(7, 'manufacturer_id', 'Manufacturer', 'integer', 2, (_, a) => a.manufacturer_id),
  field(8, 'manufacture_year', 'Year of Manufacture', 'integer', 2, (_, a) => a.manufacture_year),
  field(9, 'in_service_date', 'In Service Date', 'date', 3, (_, a) => a.in_service_date),
  field(10, 'purchase_date', 'Purchase Date', 'date', 3, (_, a) => a.purchase_date),
  field(11, 'description', 'Description', 'text', 1, (_, a) => a.description),
  field(12, 'serial_number', 'Serial Number', 'text', 1, (_, a) => a.serial_number),
]

/** Operators: comparison, `like` (case-insensitive substring) and `in` (comma-separated) [U]. */
export const QUERY_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'like', 'in'] as const

function field(
  id: number,
  name: string,
  label: string,
  filterType: QueryField['filter_type'],
  category: number,
  read: QueryField['read'],
): QueryField {
  return { id, name, label, filter_type: filterType, query_category_id: category, read }
}

export function queryFieldJson(queryField: QueryField) {
  return {
    id: queryField.id,
    name: queryField.name,
    label: queryField.label,
    filter_type: queryField.filter_type,
    query_category_id: queryField.query_category_id,
  }
}

/** Whether a value passes one filter; comparison is numeric for integer fields. */
export function matches(
  queryField: QueryField,
  op: string,
  actual: string | number | null,
  expected: string,
): boolean {
  if (op === 'in') {
    const options = expected.split(',').map((option) => option.trim())
    return actual !== null && options.includes(String(actual))
  }
  if (op === 'like') {
    return actual !== null && String(actual).toLowerCase().includes(expected.toLowerCase())
  }
  if (actual === null) return op === '!='
  const compare =
    queryField.filter_type === 'integer'
      ? Number(actual) - Number(expected)
      : String(actual).localeCompare(expected)
  switch (op) {
    case '=':
      return queryField.filter_type === 'integer' ? compare === 0 : String(actual) === expected
    case '!=':
      return queryField.filter_type === 'integer' ? compare !== 0 : String(actual) !== expected
    case '<':
      return compare < 0
    case '<=':
      return compare <= 0
    case '>':
      return compare > 0
    default:
      return compare >= 0
  }
}
