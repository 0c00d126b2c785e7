import type { Result } from '../../../../shared/rpc/contract'
import { useQuery } from '../../rpc/hooks'

export type SandboxPreset = Result<'connections.sandboxPresets'>[number]

/** The sandbox simulator's account for `system`, when the sandbox runs; undefined otherwise. */
export function useSandboxPreset(system: string): SandboxPreset | undefined {
  const presets = useQuery('connections.sandboxPresets', {})
  return presets.state === 'ready'
    ? presets.value.find((preset) => preset.system === system)
    : undefined
}
