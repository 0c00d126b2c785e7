// A loopback server that reads and discards every request body: the raw PUT baseline's peer.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const server = createServer((req, res) => {
  req.on('data', () => undefined)
  req.on('end', () => res.end())
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  )
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
