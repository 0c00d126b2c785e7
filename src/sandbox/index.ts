import { SYSTEMS, type SystemName } from '../shared/rpc/contract'
import { huvrSimulator } from './huvr'
import { transamSimulator } from './transam'
import type { RunningSimulator, SimulatorEndpoint, SimulatorFactory } from './simulator'

/** Every simulator the sandbox workspace runs. Each system's issue registers its own here. */
export const SIMULATORS: readonly SimulatorFactory[] = [huvrSimulator, transamSimulator]

export interface Sandbox {
  systems: Partial<Record<SystemName, SimulatorEndpoint>>
  stop(): Promise<void>
}

export interface SandboxOptions {
  /** Each system gets portBase + its index in SYSTEMS, so ports stay put as systems are added. */
  portBase?: number
  simulators?: readonly SimulatorFactory[]
}

/** Starts every simulator on 127.0.0.1; if one fails to start, the others are stopped again. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const simulators = options.simulators ?? SIMULATORS
  const started = await Promise.allSettled(
    simulators.map((simulator) =>
      simulator.start({
        port:
          options.portBase === undefined ? 0 : options.portBase + SYSTEMS.indexOf(simulator.system),
      }),
    ),
  )
  const running = started.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  )
  const failure = started.find((outcome) => outcome.status === 'rejected')
  if (failure) {
    await Promise.all(running.map((simulator) => simulator.stop()))
    throw failure.reason
  }
  const systems: Sandbox['systems'] = {}
  simulators.forEach((simulator, index) => {
    const { baseUrl, credentials } = running[index] as RunningSimulator
    systems[simulator.system] = { baseUrl, credentials }
  })
  return {
    systems,
    async stop() {
      await Promise.all(running.map((simulator) => simulator.stop()))
    },
  }
}
