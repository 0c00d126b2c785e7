import { generateHuvrState } from '../../huvr/seed/generator'
import type { HuvrAssetRef } from '../state/state'

/** The fields of a HUVR asset a twin is made from (a HUVR AssetRecord has them all). */
export interface HuvrAssetLike {
  id?: number
  name: string
  external_id: string | null
  serial_number: string | null
  description?: string | null
}

/**
 * Picks up to `count` HUVR assets, evenly spread, that make unambiguous twins: equipment with a
 * serial number whose name, external_id and serial number no other HUVR asset shares (so a
 * correct link suggester can only pair each twin with its own HUVR asset).
 */
export function huvrMirrorCandidates(
  assets: readonly HuvrAssetLike[],
  count: number,
): HuvrAssetRef[] {
  const seen = new Map<string, number>()
  const bump = (key: string | null) => {
    if (key !== null && key !== '') seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  for (const asset of assets) {
    bump(`name:${asset.name}`)
    bump(asset.external_id === null ? null : `external:${asset.external_id}`)
    bump(asset.serial_number === null ? null : `serial:${asset.serial_number}`)
  }
  const unique = (key: string) => (seen.get(key) ?? 0) === 1
  const eligible = assets.filter(
    (asset) =>
      asset.serial_number !== null &&
      asset.serial_number !== '' &&
      unique(`name:${asset.name}`) &&
      unique(`serial:${asset.serial_number}`) &&
      (asset.external_id === null || unique(`external:${asset.external_id}`)),
  )
  if (count <= 0 || eligible.length === 0) return []
  const step = Math.max(1, Math.floor(eligible.length / count))
  const picked: HuvrAssetRef[] = []
  for (let index = 0; index < eligible.length && picked.length < count; index += step) {
    const asset = eligible[index] as HuvrAssetLike
    picked.push({
      ...(asset.id === undefined ? {} : { id: asset.id }),
      name: asset.name,
      external_id: asset.external_id,
      serial_number: asset.serial_number,
      description: asset.description ?? null,
    })
  }
  return picked
}

/** How many of the HUVR sandbox's default assets get a TransAM twin in the sandbox. */
export const SANDBOX_MIRROR_COUNT = 24

/** Twins of the HUVR sandbox's default workspace (the HUVR factory serves its default seed). */
export function sandboxMirrorOf(count = SANDBOX_MIRROR_COUNT): HuvrAssetRef[] {
  return huvrMirrorCandidates(generateHuvrState().tables.assets.all(), count)
}
