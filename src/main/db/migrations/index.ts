import { foundation } from './0001-foundation'
import type { Migration } from './types'

/** Every migration in order. Append only; never edit one that has been released. */
export const MIGRATIONS: readonly Migration[] = [foundation]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length
