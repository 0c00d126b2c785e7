import type { AppInfo } from '../../../shared/rpc/contract'

const MODE_LABELS: Record<AppInfo['mode'], string> = {
  electron: 'Desktop app (Electron)',
  browser: 'Browser mode (local host on 127.0.0.1)',
  cli: 'Command line',
}

export function AboutView({ info }: { info: AppInfo }) {
  const rows: [string, string][] = [
    ['Version', info.version],
    ['Running as', MODE_LABELS[info.mode]],
    [
      'Workspace',
      info.workspace === 'sandbox' ? 'Built-in sandbox (simulated servers)' : 'Your accounts',
    ],
    ['Data folder', info.dataDir],
    ['Database schema', String(info.schemaVersion)],
    ['Secrets', info.secretsProtection],
  ]
  return (
    <section>
      <h1>About {info.name}</h1>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={`about-${label.toLowerCase().replaceAll(' ', '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
