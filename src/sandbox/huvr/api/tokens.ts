import { createHmac, randomBytes } from 'node:crypto'

/**
 * Short-lived access tokens. Real ones come from GCP Identity Platform and are probably JWTs [I],
 * so these look like JWTs too; the simulator still checks them against its own table, which is
 * what lets a test expire them at will.
 */
interface IssuedToken {
  userId: number
  expiresAt: number
}

export type TokenLookup =
  { status: 'valid'; userId: number } | { status: 'expired' } | { status: 'unknown' }

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(private readonly secret: string) {}

  issue(userId: number, email: string, now: number, lifetimeSeconds: number): string {
    const expiresAt = now + lifetimeSeconds * 1000
    const encode = (value: object): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url')
    const header = encode({ alg: 'HS256', typ: 'JWT' })
    const payload = encode({
      iss: 'https://securetoken.google.com/huvr-sandbox',
      aud: 'huvr-sandbox',
      sub: String(userId),
      email,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      jti: randomBytes(8).toString('hex'),
    })
    const signature = createHmac('sha256', this.secret)
      .update(`${header}.${payload}`)
      .digest('base64url')
    const token = `${header}.${payload}.${signature}`
    this.tokens.set(token, { userId, expiresAt })
    return token
  }

  lookup(token: string, now: number): TokenLookup {
    const issued = this.tokens.get(token)
    if (issued === undefined) return { status: 'unknown' }
    if (now >= issued.expiresAt) return { status: 'expired' }
    return { status: 'valid', userId: issued.userId }
  }

  /** Makes every issued token expired (not unknown), as if their hour had passed. */
  expireAll(now: number): void {
    for (const issued of this.tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now)
  }
}
