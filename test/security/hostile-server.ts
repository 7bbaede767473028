// A hostile web page for the security tests: a real HTTP server on 127.0.0.1 whose page tries to reach native
// code from wherever the host lets it load (an iframe, the main frame) and reports what it saw: to its parent
// frame (which prints it) or to its server, since a foreign page's console is (rightly) not forwarded.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

// The attack, as page script: every way to reach the host, each result posted to /report.
export const attackScript = (where: string): string => `
(async () => {
  // In a frame (whose secure parent makes http: fetches mixed content) the page tells its parent, which the
  // test page prints; as the main frame it reports to its own server.
  const where = ${JSON.stringify(where)}
  const post = async (name, value) => {
    if (globalThis.parent !== globalThis) return globalThis.parent.postMessage({ hostile: true, where, name, value }, '*')
    await fetch('/report?' + new URLSearchParams({ where, name, value: JSON.stringify(value) })).catch(() => {})
  }
  await post('preload', { args: typeof globalThis.__args, host: typeof globalThis.__socketHost })
  try {
    const r = await fetch('ipc://application.exit?seq=R1&index=0&value=66')
    await post('fetch', { status: r.status, text: await r.text() })
  } catch (error) { await post('fetch', { error: String(error) }) }
  try {
    const x = new XMLHttpRequest(); x.open('GET', 'ipc://application.exit?seq=R2&index=0&value=67', false); x.send()
    await post('sync', { status: x.status })
  } catch (error) { await post('sync', { error: String(error) }) }
  try {
    const r = await fetch('socket://com.example.hosttest/socket-config.json')
    await post('appFile', { status: r.status, text: (await r.text()).slice(0, 40) })
  } catch (error) { await post('appFile', { error: String(error) }) }
  const img = new Image(); img.src = 'ipc://application.exit?seq=R3&index=0&value=68'; document.documentElement.append(img)
  const script = document.createElement('script'); script.src = 'ipc://application.exit?seq=R4&index=0&value=69'; document.documentElement.append(script)
  const handlers = globalThis.webkit?.messageHandlers
  await post('handlers', typeof handlers?.__fatal)
  try { handlers?.__console?.postMessage('oREPORT ["forged", true]') } catch {}
  try { handlers?.__fatal?.postMessage('forged fatal') } catch {}
  await new Promise((resolve) => setTimeout(resolve, 500))
  await post('done', true)
})()`

export interface HostileServer {
  port: number
  origin: string
  reports: Array<{ where: string, name: string, value: unknown }>
  waitFor: (where: string, name: string, timeoutMs?: number) => Promise<unknown>
  close: () => Promise<void>
}

export async function startHostileServer (): Promise<HostileServer> {
  const reports: HostileServer['reports'] = []
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/report') {
      reports.push({ where: url.searchParams.get('where') ?? '', name: url.searchParams.get('name') ?? '', value: JSON.parse(url.searchParams.get('value') ?? 'null') })
      response.end('ok')
      return
    }
    const where = url.searchParams.get('as') ?? 'page'
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(`<!doctype html><title>hostile</title><script>const PORT = ${port};\n${attackScript(where)}</script>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    reports,
    async waitFor (where, name, timeoutMs = 30000) {
      const started = Date.now()
      while (Date.now() - started < timeoutMs) {
        const found = reports.find((entry) => entry.where === where && entry.name === name)
        if (found) return found.value
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      throw new Error(`no "${name}" report from the ${where} page within ${timeoutMs} ms (got ${JSON.stringify(reports)})`)
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  }
}
