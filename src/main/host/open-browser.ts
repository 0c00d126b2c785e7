import { spawn, spawnSync } from 'node:child_process'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome']

/**
 * Opens the app in its own Chromium window when a display is available. Returns false when it
 * could not (no display, no Chromium), so the caller can tell the user to open the URL.
 */
export function openInChromium(url: string, profileDir: string): boolean {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false
  const executable = CANDIDATES.find((name) => spawnSync('which', [name]).status === 0)
  if (!executable) return false
  const child = spawn(
    executable,
    [
      `--app=${url}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium refuses to run as root with its sandbox on (as on CI and build machines).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    { detached: true, stdio: 'ignore' },
  )
  child.unref()
  return true
}
