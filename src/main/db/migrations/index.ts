import { foundation } from './0001-foundation'
import { huvrCache } from './0002-huvr-cache'
import { transamCache } from './0003-transam-cache'
import { uploadDetails } from './0004-upload-details'
import { deferredIndexes } from './0005-deferred-indexes'
import { offlineEdits } from './0006-offline-edits'
import type { Migration } from './types'

/** Every migration in order. Append only; never edit one that has been released. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  huvrCache,
  transamCache,
  uploadDetails,
  deferredIndexes,
  offlineEdits,
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length
