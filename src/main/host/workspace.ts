import { startSandbox, type Sandbox } from '../../sandbox'
import type { Core } from '../core/create-core'

/**
 * With no account configured, the app runs against the built-in simulators so a newcomer can
 * try everything at once. Returns the running sandbox, or null when real accounts exist.
 */
export async function startSandboxIfUnconfigured(core: Core): Promise<Sandbox | null> {
  if (!core.db) return null
  const configured = core.db.prepare('SELECT 1 FROM connections LIMIT 1').get() !== undefined
  if (configured) return null
  const sandbox = await startSandbox()
  core.enterSandboxWorkspace()
  return sandbox
}
