import envPaths from 'env-paths'
import type { AppInfo } from '../../shared/rpc/contract'
import { createCore, type Core } from '../core/create-core'
import { createFileLogger } from '../log/logger'
import { createNodeSecretStore } from './node-secrets'
import { createNodeSettingsStore } from './node-settings'
import { systemClock } from './ports'

const paths = envPaths('fieldstation', { suffix: '' })

/** Where data lives when neither --data-dir nor FIELDSTATION_DATA_DIR says otherwise (the CLI reads both). */
export function defaultDataDir(): string {
  return paths.data
}

export interface NodeCoreOptions {
  dataDir: string
  mode: Exclude<AppInfo['mode'], 'electron'>
  /** Overrides the folder of the secrets key file (tests keep it in a temporary folder). */
  keyDir?: string
}

/** The core with the plain-Node adapters, for browser mode and the CLI. */
export function createNodeCore(options: NodeCoreOptions): Core {
  const { dataDir } = options
  const fileLog = createFileLogger({
    dataDir,
    level: process.env.FIELDSTATION_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  })
  const passphrase = process.env.FIELDSTATION_PASSPHRASE
  return createCore({
    dataDir,
    mode: options.mode,
    log: fileLog.log,
    closeLog: fileLog.close,
    clock: systemClock,
    settings: createNodeSettingsStore(dataDir),
    secrets: createNodeSecretStore({
      dataDir,
      keyDir: options.keyDir ?? process.env.FIELDSTATION_KEY_DIR ?? paths.config,
      ...(passphrase === undefined ? {} : { passphrase }),
    }),
  })
}
