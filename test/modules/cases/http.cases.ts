// socket:http differential cases against a node:http echo server on 127.0.0.1 (started by the test, CORS
// open to the app's origin): the same requests through node:http in Node and socket:http in a window.
import { Observer, type Observations } from '../harness/observe.ts'

function send (http: any, options: any, body?: string): Promise<unknown> {
  return new Promise((resolve) => {
    const req = http.request(options, (res: any) => {
      const chunks: string[] = []
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode, message: res.statusMessage, type: res.headers['content-type'], echo: res.headers['x-echo'], body: chunks.join('') }))
    })
    req.on('error', (error: any) => resolve({ error: error.code }))
    if (body !== undefined) req.write(body)
    req.end()
  })
}

export async function observeHttp (http: any, port: number, closedPort: number): Promise<Observations> {
  const o = new Observer()
  o.see('METHODS', () => http.METHODS)
  o.see('STATUS_CODES', () => http.STATUS_CODES)
  o.see('exports', () => ['request', 'get', 'Agent', 'ClientRequest', 'IncomingMessage', 'createServer', 'globalAgent'].map((name) => typeof http[name]))
  await o.seeAsync('GET by options', async () => await send(http, { hostname: '127.0.0.1', port, path: '/hello?x=1' }))
  await o.seeAsync('POST with body and header', async () => await send(http, { hostname: '127.0.0.1', port, path: '/echo', method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-Echo': 'abc' } }, 'body text'))
  await o.seeAsync('PUT by URL string', async () => await send(http, { ...new URLObject(`http://127.0.0.1:${port}/put`), method: 'PUT' }, 'x'))
  await o.seeAsync('404 status', async () => await send(http, { hostname: '127.0.0.1', port, path: '/missing' }))
  await o.seeAsync('http.get with URL', async () => await new Promise((resolve) => {
    http.get(`http://127.0.0.1:${port}/get`, (res: any) => { let n = ''; res.on('data', (c: any) => { n += String(c) }); res.on('end', () => resolve([res.statusCode, n])) })
  }))
  await o.seeAsync('connection refused', async () => await send(http, { hostname: '127.0.0.1', port: closedPort, path: '/' }))
  o.see('bad protocol', () => http.request('ftp://127.0.0.1/'))
  o.see('bad method', () => http.request({ hostname: '127.0.0.1', port, method: 'BAD METHOD' }))
  o.see('validateHeaderName', () => http.validateHeaderName('bad header'))
  return o.results
}

// Options from a URL as Node's urlToHttpOptions gives them (hostname, port, path).
class URLObject {
  hostname: string
  port: string
  path: string
  constructor (text: string) {
    const url = new URL(text)
    this.hostname = url.hostname
    this.port = url.port
    this.path = url.pathname + url.search
  }
}

/** The echo server's handler: CORS open, answers JSON of the request (or 404 for /missing). */
export function echoHandler (req: any, res: any): void {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Expose-Headers': 'X-Echo' }
  if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return }
  let body = ''
  req.on('data', (chunk: any) => { body += String(chunk) })
  req.on('end', () => {
    const status = req.url === '/missing' ? 404 : 200
    res.writeHead(status, { ...cors, 'Content-Type': 'application/json', 'X-Echo': String(req.headers['x-echo'] ?? '') })
    res.end(JSON.stringify({ method: req.method, url: req.url, body, type: req.headers['content-type'] ?? null }))
  })
}
