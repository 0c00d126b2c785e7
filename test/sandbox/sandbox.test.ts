import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/sandbox'
import type { SimulatorFactory } from '../../src/sandbox/simulator'
import type { SystemName } from '../../src/shared/rpc/contract'

/** A minimal real HTTP server standing in for a system, to exercise the frame itself. */
function echoSimulator(system: SystemName, stops: string[]): SimulatorFactory {
  return {
    system,
    async start({ port }) {
      const server = createServer((_req, res) => res.end(system))
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', resolve)
      })
      const address = server.address() as AddressInfo
      return {
        baseUrl: `http://127.0.0.1:${address.port}`,
        credentials: { user: `${system}-user` },
        stop: () =>
          new Promise<void>((resolve) => server.close(() => (stops.push(system), resolve()))),
      }
    },
  }
}

describe('sandbox frame', () => {
  // Fixed ports below Linux's ephemeral range (32768+), so no outgoing connection holds them.
  it('starts each simulator at port base + its system index and stops them all', async () => {
    const stops: string[] = []
    const sandbox = await startSandbox({
      portBase: 28200,
      simulators: [echoSimulator('huvr', stops), echoSimulator('transam', stops)],
    })
    expect(sandbox.systems.huvr).toEqual({
      baseUrl: 'http://127.0.0.1:28200',
      credentials: { user: 'huvr-user' },
    })
    expect(sandbox.systems.transam?.baseUrl).toBe('http://127.0.0.1:28201')
    expect(await (await fetch(sandbox.systems.transam!.baseUrl)).text()).toBe('transam')
    await sandbox.stop()
    expect(stops.sort()).toEqual(['huvr', 'transam'])
  })

  it('stops the simulators that started when another fails', async () => {
    const stops: string[] = []
    const failing: SimulatorFactory = {
      system: 'credo',
      start: () => Promise.reject(new Error('port in use')),
    }
    await expect(
      startSandbox({ simulators: [echoSimulator('huvr', stops), failing] }),
    ).rejects.toThrow('port in use')
    expect(stops).toEqual(['huvr'])
  })
})
