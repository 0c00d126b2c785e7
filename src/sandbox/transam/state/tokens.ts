import { randomBytes } from 'node:crypto'

/**
 * Devise.friendly_token(20) [C DEVISE lib/devise.rb, STA token_generator.rb]: URL-safe base64 with
 * `l I O 0` replaced by `s x y z`, cut to 20 characters.
 */
export function friendlyToken(bytes: Buffer = randomBytes(15)): string {
  return bytes
    .toString('base64url')
    .replace(/[lIO0]/g, (char) => ({ l: 's', I: 'x', O: 'y', '0': 'z' })[char] ?? char)
    .slice(0, 20)
}
