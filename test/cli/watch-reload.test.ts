// `ssc build -r -w`: a change to a source rebuilds and reloads the window in place (same host process, the
// page's window.name survives), and a change to socket.ini rebuilds and restarts the app with the new config.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, SSC, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
process.env.HOME = HOME
const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'

// Each load prints how many loads this browsing context has seen (window.name survives a reload, not a restart).
const page = (label: string): string => `<!doctype html><meta charset="utf-8"><script>
const loads = Number(window.name || 0) + 1; window.name = String(loads)
console.log('LOAD ' + loads + ' ${label} ' + __args.config.meta_title)
</script>`

test('-w reloads the window in place on a source change and restarts on a socket.ini change', { skip, timeout: 180_000 }, async () => {
  const dir = join(tempDir(), 'watched')
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  writeFileSync(join(dir, 'src', 'index.html'), page('first'))
  const child = spawn(process.execPath, [SSC, 'build', '-r', '-w', '--headless', dir], { env: { ...process.env, HOME }, stdio: ['ignore', 'pipe', 'pipe'], detached: false })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const until = async (pattern: RegExp, what: string): Promise<void> => {
    const started = Date.now()
    while (!pattern.test(stdout)) {
      if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  try {
    await until(/^LOAD 1 first Watched$/m, 'the first load')
    writeFileSync(join(dir, 'src', 'index.html'), page('second'))
    await until(/^LOAD 2 second Watched$/m, 'the reload in place')
    assert.match(stderr, /rebuilt; reloaded the window/)
    writeFileSync(join(dir, 'socket.ini'), readFileSync(join(dir, 'socket.ini'), 'utf8').replace('title = "Watched"', 'title = "Renamed"'))
    await until(/^LOAD 1 second Renamed$/m, 'the restart with the new socket.ini')
    assert.match(stderr, /socket\.ini changed: rebuilt; restarting the app/)
  } finally {
    child.kill('SIGINT')
    await new Promise((resolve) => child.once('close', resolve))
  }
})
