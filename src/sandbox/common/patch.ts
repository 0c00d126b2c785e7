import type { z } from 'zod'

/**
 * Lays a patch over the current settings: the patch is validated first (unknown keys and bad values
 * throw), only the keys it actually sets replace the current ones, and the result is validated
 * again, so a simulator never runs with settings its schema rejects.
 */
export function mergePatch<T extends object>(
  schema: z.ZodType<T>,
  patchSchema: z.ZodType<Partial<T>>,
  current: T,
  patch: unknown,
): T {
  const parsed = patchSchema.parse(patch)
  return schema.parse({ ...current, ...stripUndefined(parsed) })
}

/** `{a: undefined}` in a patch means "not given", not "set to undefined". */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
