import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FaultSettings, FaultsPatch, ScriptedFault } from './faults'
import type { RequestLogEntry } from './request-log'
import type { ConfigPatch, SimulatorRuntime } from './runtime'

/** The start options every simulator takes, besides its own (seed, state, credentials, clock). */
export interface SimulatorOptions<SettingsPatch> {
  /** 0 (the default) picks a free port. Always bound to 127.0.0.1. */
  port?: number
  settings?: SettingsPatch
  faults?: FaultsPatch
}

/** What every running simulator lets its caller read and change at run time. */
export interface SimulatorControls<Settings, SettingsPatch> {
  readonly settings: Settings
  readonly faults: FaultSettings
  /** Every request so far (oldest first; see the requestLogLimit setting). */
  readonly requestLog: readonly RequestLogEntry[]
  /** Changes settings and faults at run time; throws on an invalid patch. */
  configure(patch: ConfigPatch<SettingsPatch>): void
  /** Makes the next matching request(s) fail in a given way, regardless of the random rates. */
  failNext(fault: ScriptedFault): void
  clearRequestLog(): void
}

/**
 * The controls of one runtime. The getters read the runtime live (configure() replaces its
 * settings), so a system adds its own members with Object.assign: a spread would freeze them.
 */
export function controlsOf<Settings extends { requestLogLimit: number }, SettingsPatch>(
  runtime: SimulatorRuntime<Settings, SettingsPatch>,
): SimulatorControls<Settings, SettingsPatch> {
  return {
    get settings() {
      return runtime.settings
    },
    get faults() {
      return runtime.faults
    },
    get requestLog() {
      return runtime.requestLog.entries
    },
    configure: (patch) => runtime.configure(patch),
    failNext: (fault) => runtime.faultInjector.enqueue(fault),
    clearRequestLog: () => runtime.requestLog.clear(),
  }
}

/** Listens on 127.0.0.1 only (port 0 picks a free one); resolves with `http://127.0.0.1:<port>`. */
export async function listenOnLoopback(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  return `http://127.0.0.1:${address.port}`
}

/** Stops listening and drops open keep-alive connections, which would otherwise hold close() up. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
