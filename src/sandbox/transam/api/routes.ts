import { railsJson } from '../http/reply'
import { registerAssetRoutes } from './resources/assets'
import { registerDocumentRoutes } from './resources/documents'
import { registerOrganizationRoutes } from './resources/organizations'
import { registerSessionRoutes } from './resources/sessions'
import { registerUserRoutes } from './resources/users'
import { ApiRouter } from './router'

/** Every `/api/…` route the simulator serves. */
export function createApiRouter(): ApiRouter {
  const router = new ApiRouter()
  // A token check: plain `{}`, not JSend [C api_controller.rb].
  router.add('GET', '/api/touch_session', {
    name: 'Api::ApiController#touch_session',
    handle: () => railsJson(200, {}),
  })
  registerSessionRoutes(router)
  registerUserRoutes(router)
  registerOrganizationRoutes(router)
  registerAssetRoutes(router)
  registerDocumentRoutes(router)
  return router
}
