import type { SystemName } from '../shared/rpc/contract'

/** What a running simulator tells scripts and the sandbox workspace about itself. */
export interface SimulatorEndpoint {
  baseUrl: string
  /** The credentials this simulator accepts, in the field names of its system's API. */
  credentials: Record<string, string>
}

export interface RunningSimulator extends SimulatorEndpoint {
  stop(): Promise<void>
}

export interface SimulatorFactory {
  system: SystemName
  /** Starts listening on 127.0.0.1; port 0 picks a free one. */
  start(options: { port: number }): Promise<RunningSimulator>
}
