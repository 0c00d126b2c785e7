import {
  assetTypes,
  getAsset,
  getProject,
  projectStatuses,
  searchAssets,
  searchProjects,
  setProjectAvailableOffline,
} from '../../cache/huvr-queries'
import { RpcError, type Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

type CacheMethods =
  | 'assets.search'
  | 'assets.types'
  | 'assets.get'
  | 'projects.search'
  | 'projects.statuses'
  | 'projects.get'
  | 'projects.setAvailableOffline'

function found<T>(value: T | null, what: string): T {
  if (value === null)
    throw new RpcError(
      'not-found',
      `${what} is not in the offline cache (it may have been deleted in HUVR).`,
    )
  return value
}

export function huvrCacheHandlers(ctx: CoreContext): Pick<Handlers, CacheMethods> {
  return {
    'assets.search': (params) => searchAssets(ctx.db(), params),
    'assets.types': () => assetTypes(ctx.db()),
    'assets.get': ({ connectionId, id }) =>
      found(getAsset(ctx.db(), connectionId, id), `Asset ${id}`),
    'projects.search': (params) => searchProjects(ctx.db(), params),
    'projects.statuses': () => projectStatuses(ctx.db()),
    'projects.get': ({ connectionId, id }) =>
      found(getProject(ctx.db(), connectionId, id), `Project ${id}`),
    'projects.setAvailableOffline': ({ connectionId, id, available }) =>
      found(setProjectAvailableOffline(ctx.db(), connectionId, id, available), `Project ${id}`),
  }
}
