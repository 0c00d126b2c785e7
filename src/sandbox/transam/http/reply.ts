import { createHash, randomUUID } from 'node:crypto'
import { bytesReply, escapeHtml, type Reply } from '../../common/reply'

export { bytesReply, emptyReply, type Reply } from '../../common/reply'

/** Headers a Rails 5.2 app sends on every answer. */
export function railsHeaders(): Record<string, string> {
  return {
    'x-frame-options': 'SAMEORIGIN',
    'x-xss-protection': '1; mode=block',
    'x-content-type-options': 'nosniff',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-request-id': randomUUID(),
    'x-runtime': (0.004 + Math.random() * 0.03).toFixed(6),
  }
}

/** A JSON answer as Rails renders it (`render json:`), key order kept. */
export function railsJson(
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: {
      ...railsHeaders(),
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      ...headers,
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  }
}

/**
 * Rack::ETag and Rack::ConditionalGet: a 200 GET gets a weak ETag and private caching; a matching
 * If-None-Match turns it into an empty 304.
 */
export function conditionalGet(reply: Reply, ifNoneMatch: string | undefined): Reply {
  if (reply.status !== 200 || reply.body.length === 0) return reply
  const etag = `W/"${createHash('md5').update(reply.body).digest('hex')}"`
  const headers: Record<string, string> = {
    ...reply.headers,
    etag,
    'cache-control': 'max-age=0, private, must-revalidate',
  }
  const tags = (ifNoneMatch ?? '').split(',').map((tag) => tag.trim())
  if (tags.includes(etag) || tags.includes('*')) {
    const rest = { ...headers }
    delete rest['content-type']
    return { status: 304, headers: rest, body: Buffer.alloc(0) }
  }
  return { ...reply, headers }
}

function page(status: number, title: string, heading: string, text: string): Reply {
  const html =
    `<!DOCTYPE html>\n<html>\n<head>\n  <title>${title}</title>\n` +
    '  <meta name="viewport" content="width=device-width,initial-scale=1">\n</head>\n\n' +
    `<body>\n  <div class="dialog">\n    <div>\n      <h1>${heading}</h1>\n      <p>${text}</p>\n` +
    '    </div>\n    <p>If you are the application owner check the logs for more information.</p>\n' +
    '  </div>\n</body>\n</html>\n'
  return bytesReply(status, Buffer.from(html), 'text/html; charset=UTF-8', railsHeaders())
}

/** Rails' public/404.html: an unknown route, or a known path with the wrong method. */
export function railsNotFound(): Reply {
  return page(
    404,
    "The page you were looking for doesn't exist (404)",
    "The page you were looking for doesn't exist.",
    'You may have mistyped the address or the page may have moved.',
  )
}

/** What answers a server error: Rails' own page for 500, the proxy's (nginx) for the others. */
export function serverErrorPage(status: number): Reply {
  if (status === 500) {
    return page(
      500,
      "We're sorry, but something went wrong (500)",
      "We're sorry, but something went wrong.",
      '',
    )
  }
  const reason =
    { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[
      status
    ] ?? 'Server Error'
  const html =
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  return bytesReply(status, Buffer.from(html), 'text/html', { server: 'nginx' })
}

/** A proxy or rack-attack throttle [U: TransAM itself has no rate limiting]. */
export function throttledReply(retryAfterSeconds: number): Reply {
  return bytesReply(429, Buffer.from('Retry later\n'), 'text/plain', {
    'retry-after': String(retryAfterSeconds),
  })
}

/** Devise's redirect for a navigational request it refuses. */
export function redirectReply(location: string): Reply {
  const html = `<html><body>You are being <a href="${escapeHtml(location)}">redirected</a>.</body></html>`
  return bytesReply(302, Buffer.from(html), 'text/html; charset=utf-8', {
    ...railsHeaders(),
    location,
    'cache-control': 'no-cache',
  })
}
