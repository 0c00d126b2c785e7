import { startSandbox, type Sandbox } from '../../sandbox'
import { countConnections } from '../connections/store'
import type { Core } from '../core/create-core'

/**
 * With no real account configured, or with sandbox accounts, the app runs the built-in
 * simulators so everything can be tried without a server. Returns the running sandbox, or null.
 */
export async function startSandboxWhenNeeded(core: Core): Promise<Sandbox | null> {
  if (!core.db) return null
  const { real, sandbox: sandboxAccounts } = countConnections(core.db)
  if (real > 0 && sandboxAccounts === 0) return null
  const sandbox = await startSandbox()
  core.enterSandboxWorkspace(sandbox.systems)
  return sandbox
}
