import { registerAssetRoutes } from './resources/assets'
import { registerAuthRoutes } from './resources/auth'
import { registerChecklistRoutes } from './resources/checklists'
import { registerDefectRoutes } from './resources/defects'
import { registerLookupRoutes } from './resources/lookups'
import { registerMeasurementRoutes } from './resources/measurements'
import { registerMediaRoutes } from './resources/media'
import { registerOverlayRoutes } from './resources/overlays'
import { registerProjectRoutes } from './resources/projects'
import { registerUserRoutes } from './resources/users'
import { ApiRouter } from './router'

/** Every `/api/…` route the simulator serves. */
export function createApiRouter(): ApiRouter {
  const router = new ApiRouter()
  registerAuthRoutes(router)
  registerUserRoutes(router)
  registerAssetRoutes(router)
  registerProjectRoutes(router)
  registerMediaRoutes(router)
  registerOverlayRoutes(router)
  registerChecklistRoutes(router)
  registerDefectRoutes(router)
  registerMeasurementRoutes(router)
  registerLookupRoutes(router)
  return router
}
