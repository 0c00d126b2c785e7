import { join } from 'node:path'

/** The shared real-photo fixtures, beside the repository as on every machine and in CI. */
export const PHOTOS = join(import.meta.dirname, '../../../shared/fixtures/photos')

export const photo = (path: string) => join(PHOTOS, path)
