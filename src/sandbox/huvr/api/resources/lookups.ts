import type { RecordTypes, TableName } from '../../state/records'
import type { ApiContext } from '../context'
import { findOr404, ok, pageRequest } from '../endpoints'
import { paginate } from '../pagination'
import type { ApiRouter } from '../router'
import { assetTypeOf } from '../shapes/assets'
import { templateFull } from '../shapes/checklists'
import { defectProfile } from '../shapes/defects'
import { companyOf, crewDetail } from '../shapes/people'
import { projectTypeDetail } from '../shapes/projects'

/**
 * Read-only configuration a client needs to create things offline: asset and project types,
 * companies, crews, defect profiles, checklist templates. Paginated like every list; `name` filters
 * exactly; nothing else is filtered here.
 */
type LookupName =
  'assetTypes' | 'projectTypes' | 'companies' | 'crews' | 'defectProfiles' | 'checklistTemplates'

function lookupRoutes<K extends LookupName>(
  router: ApiRouter,
  path: string,
  kind: K,
  render: (ctx: ApiContext, record: RecordTypes[K]) => unknown,
): void {
  router.add(path, {
    GET: {
      handle(ctx) {
        const name = ctx.query.get('name')?.at(-1)
        const rows = (
          ctx.state.tables[kind as TableName].all() as readonly RecordTypes[K][]
        ).filter((row) => name === undefined || name === '' || ('name' in row && row.name === name))
        return ok(paginate(rows, pageRequest(ctx), (row) => render(ctx, row)))
      },
    },
  })
  router.add(`${path}:id/`, {
    GET: { handle: (ctx) => ok(render(ctx, findOr404(ctx, kind))) },
  })
}

export function registerLookupRoutes(router: ApiRouter): void {
  lookupRoutes(router, '/api/asset-types/', 'assetTypes', (_, record) => assetTypeOf(record))
  lookupRoutes(router, '/api/project-types/', 'projectTypes', projectTypeDetail)
  lookupRoutes(router, '/api/companies/', 'companies', (_, record) => companyOf(record))
  lookupRoutes(router, '/api/crews/', 'crews', crewDetail)
  lookupRoutes(router, '/api/defect-profiles/', 'defectProfiles', (_, record) =>
    defectProfile(record),
  )
  lookupRoutes(router, '/api/checklist-templates/', 'checklistTemplates', templateFull)
}
