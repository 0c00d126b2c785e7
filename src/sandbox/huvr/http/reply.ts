import { bytesReply, escapeHtml, type Reply } from '../../common/reply'

export { bytesReply, emptyReply, escapeHtml, type Reply } from '../../common/reply'

export function jsonReply(
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): Reply {
  // DRF's renderer writes compact JSON; 204 carries no body at all.
  const body = status === 204 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload), 'utf8')
  return {
    status,
    headers: {
      ...(status === 204 ? {} : { 'content-type': 'application/json' }),
      vary: 'Accept',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...headers,
    },
    body,
  }
}

/** Django's own page for a URL no route matches (production mode: HTML, not JSON). */
export function djangoNotFound(path: string): Reply {
  const html =
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
    `  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n` +
    `  <!-- ${escapeHtml(path)} -->\n</body>\n</html>\n`
  return bytesReply(404, Buffer.from(html), 'text/html; charset=utf-8')
}

/** What the load balancer or Django shows for a server error. */
export function serverErrorReply(status: number): Reply {
  const html =
    status === 500
      ? '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n'
      : `<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error ${status} (Server Error)!!1</title>\n<p><b>${status}.</b> <ins>That’s an error.</ins>\n<p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n`
  return bytesReply(status, Buffer.from(html), 'text/html; charset=utf-8')
}
