import {
  assetTypes,
  getAsset,
  getProject,
  projectStatuses,
  searchProjects,
  setProjectAvailableOffline,
} from '../../cache/huvr-queries'
import { confirmedTransamFor, suggestLinks } from '../../cache/asset-links'
import { documentsOfAsset, getTransamAssetRow } from '../../cache/transam-queries'
import { searchUnifiedAssets } from '../../cache/unified-assets'
import { requireFound, type Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

type CacheMethods =
  | 'assets.search'
  | 'assets.types'
  | 'assets.get'
  | 'projects.search'
  | 'projects.statuses'
  | 'projects.get'
  | 'projects.setAvailableOffline'

/** The offline cache's answer for a missing record. */
function found<T>(value: T | null, what: string): T {
  return requireFound(
    value,
    `${what} is not in the offline cache (it may have been deleted in HUVR).`,
  )
}

export function huvrCacheHandlers(ctx: CoreContext): Pick<Handlers, CacheMethods> {
  return {
    'assets.search': (params) => searchUnifiedAssets(ctx.db(), params),
    'assets.types': () => assetTypes(ctx.db()),
    'assets.get': ({ connectionId, id }) => {
      const db = ctx.db()
      const asset = found(getAsset(db, connectionId, id), `Asset ${id}`)
      const linkedTransam = confirmedTransamFor(db, connectionId, id).flatMap((ref) => {
        const row = getTransamAssetRow(db, ref.connectionId, ref.key)
        return row
          ? [{ asset: row, documents: documentsOfAsset(db, ref.connectionId, ref.key) }]
          : []
      })
      return {
        ...asset,
        linkedTransam,
        suggestions: suggestLinks(db, 20, { huvr: { connectionId, id } }),
      }
    },
    'projects.search': (params) => searchProjects(ctx.db(), params),
    'projects.statuses': () => projectStatuses(ctx.db()),
    'projects.get': ({ connectionId, id }) =>
      found(getProject(ctx.db(), connectionId, id), `Project ${id}`),
    'projects.setAvailableOffline': ({ connectionId, id, available }) =>
      found(setProjectAvailableOffline(ctx.db(), connectionId, id, available), `Project ${id}`),
  }
}
