import type { TransamSettings } from '../settings'
import type { UserRecord } from '../state/records'

/**
 * Devise lockable with TransAM's settings [C config/initializers/devise.rb, DEVISE lockable.rb]:
 * lock after `maximumAttempts` failures, unlock by time after `unlockInSeconds`.
 */
export function lockExpired(user: UserRecord, now: number, settings: TransamSettings): boolean {
  return user.locked_at !== null && user.locked_at < now - settings.unlockInSeconds * 1000
}

export function accessLocked(user: UserRecord, now: number, settings: TransamSettings): boolean {
  return user.locked_at !== null && !lockExpired(user, now, settings)
}

/** TransAM's time_until_unlock: whole minutes left, rounded (Ruby rounds halves away from 0). */
export function minutesUntilUnlock(user: UserRecord, now: number, settings: TransamSettings) {
  if (!accessLocked(user, now, settings) || user.locked_at === null) return 0
  const left = (settings.unlockInSeconds - (now - user.locked_at) / 1000) / 60
  return Math.sign(left) * Math.round(Math.abs(left))
}

/**
 * valid_for_authentication? with a password check: unlocks an expired lock first, then either
 * passes, or counts the failure and locks once the limit is reached (even for the right password
 * while locked).
 */
export function validForAuthentication(
  user: UserRecord,
  passwordOk: boolean,
  now: number,
  settings: TransamSettings,
): boolean {
  if (lockExpired(user, now, settings)) {
    user.locked_at = null
    user.failed_attempts = 0
  }
  if (passwordOk && !accessLocked(user, now, settings)) return true
  user.failed_attempts += 1
  if (user.failed_attempts >= settings.maximumAttempts && !accessLocked(user, now, settings)) {
    user.locked_at = now
  }
  return false
}

/** Devise's last_attempt?: one failure short of the lock. */
export function onLastAttempt(user: UserRecord, settings: TransamSettings): boolean {
  return user.failed_attempts === settings.maximumAttempts - 1
}
