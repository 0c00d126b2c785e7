import type { AppStatus } from '../../shared/rpc/contract'
import type { SyncCommandOutcome } from './sync-command'

/** The human-readable form of `status`. */
export function formatStatus(status: AppStatus): string {
  const lines = [`Data folder     ${status.dataDir}`, `Schema version  ${status.schemaVersion}`]
  const counts = Object.entries(status.counts)
  lines.push(counts.length === 0 ? 'Cached records  none' : 'Cached records')
  for (const [kind, count] of counts) lines.push(`  ${kind.padEnd(22)} ${count}`)
  lines.push(`Outbox          ${status.outbox.total} ${describeStates(status.outbox.byState)}`)
  lines.push(`Upload queue    ${status.uploads.total} ${describeStates(status.uploads.byState)}`)
  lines.push(`Connections     ${status.connections.length}`)
  for (const connection of status.connections) {
    lines.push(
      `  ${connection.name} (${connection.system}, ${connection.baseUrl}): ${connection.state}`,
    )
  }
  return lines.join('\n')
}

function describeStates(byState: Record<string, number>): string {
  const parts = Object.entries(byState).map(([state, n]) => `${n} ${state}`)
  return parts.length === 0 ? '' : `(${parts.join(', ')})`
}

/** The human-readable form of `sync`. */
export function formatSyncOutcome(outcome: SyncCommandOutcome): string {
  const lines: string[] = []
  for (const connection of outcome.connections) {
    lines.push(`${connection.name}: ${connection.ok ? 'synced' : 'NOT fully synced'}`)
    if (connection.error) lines.push(`  ${connection.error}`)
    for (const [kind, counts] of Object.entries(connection.kinds)) {
      lines.push(
        `  ${kind.padEnd(18)} fetched ${counts.fetched}, created ${counts.created}, updated ${counts.updated}, deleted ${counts.deleted}`,
      )
      for (const error of counts.errors) lines.push(`    error: ${error}`)
    }
  }
  for (const id of outcome.unknownProjects)
    lines.push(`Project ${id} is not in any account: nothing was made available offline.`)
  return lines.join('\n')
}
