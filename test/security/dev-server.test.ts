// A dev build run with --port/--host trusts that dev server's origin (its page gets the preload and ipc://);
// a production build (`build_profile = prod`, written by `ssc build --prod`) loads it but trusts nothing there.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { makeApp, runHost } from '../host/helpers.ts'

// A dev server whose page calls ipc:// and reports to the server what it got, then ends the app if it can.
async function devServer (): Promise<{ port: number, seen: Promise<any>, close: () => void }> {
  let resolveSeen: (value: any) => void = () => {}
  const seen = new Promise((resolve) => { resolveSeen = resolve })
  const server = http.createServer((request, response) => {
    if (request.url?.startsWith('/report?')) {
      resolveSeen(JSON.parse(new URL(request.url, 'http://x').searchParams.get('value') ?? 'null'))
      response.end('ok')
      return
    }
    response.setHeader('content-type', 'text/html')
    response.end(`<!doctype html><script type="module">
      const result = { args: typeof globalThis.__args }
      try { result.uptime = (await (await fetch('ipc://os.uptime?seq=R1&index=0')).json()).data > 0 } catch (error) { result.error = String(error) }
      await fetch('/report?value=' + encodeURIComponent(JSON.stringify(result)))
      fetch('ipc://application.exit?seq=R2&index=0&value=0').catch(() => {})
    </script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, seen, close: () => { server.closeAllConnections(); server.close() } }
}

for (const prod of [false, true]) {
  test(`a ${prod ? 'production' : 'dev'} build ${prod ? 'does not trust' : 'trusts'} its --port/--host dev server`, async () => {
    const server = await devServer()
    const app = makeApp({}, prod ? { build_profile: 'prod' } : {})
    try {
      const run = runHost(app.dir, {
        args: [`--port=${server.port}`, '--host=127.0.0.1'],
        timeoutMs: 60000
      })
      const seen = await server.seen
      if (prod) {
        assert.equal(seen.args, 'undefined', 'no preload')
        assert.ok(seen.error, `ipc:// refused: ${JSON.stringify(seen)}`)
        // The page cannot end the app: stop it as a user would.
        const { execFileSync } = await import('node:child_process')
        for (const pid of execFileSync('pgrep', ['-f', '--', `--resources=${app.dir}`], { encoding: 'utf8' }).trim().split('\n')) {
          process.kill(Number(pid), 'SIGTERM')
        }
        const result = await run
        assert.equal(result.code, 128 + 15)
        assert.match(result.stderr, new RegExp(`refused ipc:// from http://127.0.0.1:${server.port}`))
      } else {
        assert.deepEqual(seen, { args: 'object', uptime: true })
        const result = await run
        assert.equal(result.code, 0, result.stderr)
      }
    } finally {
      app.remove()
      server.close()
    }
  })
}
