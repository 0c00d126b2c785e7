// Runs a HUVR simulator in its own process, as a real server would be, and prints one JSON line
// {baseUrl, credentials} once it listens. Usage: tsx bench/serve-huvr.ts <assets>
import { startHuvrSimulator } from '../src/sandbox/huvr'

const assets = Number(process.argv[2] ?? 100_000)
const sim = await startHuvrSimulator({ seed: { assets } })
process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, credentials: sim.credentials })}\n`)
process.on('SIGTERM', () => void sim.stop().then(() => process.exit(0)))
