// The Node backend helper speaks the runtime's stdio protocol: a real child process, driven line by line.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { formatLine, LineSplitter, parseLine } from '../../runtime-js/node/protocol.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures', 'echo-backend.ts')

function startBackend (): { lines: string[], stderr: () => string, write: (line: string) => void, waitFor: (pattern: RegExp) => Promise<string>, child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, '--name=test'], { stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: string[] = []
  let stderr = ''
  const splitter = new LineSplitter()
  const waiters: Array<[RegExp, (line: string) => void]> = []
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    for (const line of splitter.push(chunk)) {
      lines.push(line)
      for (const [pattern, resolve] of waiters.filter(([p]) => p.test(line))) {
        waiters.splice(waiters.findIndex(([p]) => p === pattern), 1)
        resolve(line)
      }
    }
  })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return {
    child,
    lines,
    stderr: () => stderr,
    write: (line) => child.stdin.write(line + '\n'),
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l))
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push([pattern, resolve]))
    }
  }
}

test('the line format round-trips, with %20 for spaces and a literal +', () => {
  const line = formatLine('send', { event: 'hello world', index: -1, value: JSON.stringify({ a: '1+1 = 2 & more' }) })
  assert.equal(line, 'ipc://send?event=hello%20world&index=-1&value=%7B%22a%22%3A%221%2B1%20%3D%202%20%26%20more%22%7D')
  const parsed = parseLine(line)!
  assert.equal(parsed.name, 'send')
  assert.equal(parsed.params.get('event'), 'hello world')
  assert.deepEqual(JSON.parse(parsed.params.get('value')!), { a: '1+1 = 2 & more' })
  assert.equal(parseLine('plain text'), null)
  assert.equal(parseLine('ipc://stdout?value=%E0%A4%A')!.params.get('value'), '%E0%A4%A', 'bad escapes kept as text')
  const splitter = new LineSplitter()
  assert.deepEqual(splitter.push('a\nb'), ['a'])
  assert.deepEqual(splitter.push('c\n'), ['bc'])
  assert.deepEqual(splitter.flush(), [])
})

test('a Node backend receives window events on stdin and answers with ipc://send lines', async () => {
  const backend = startBackend()
  assert.equal(await backend.waitFor(/^ipc:\/\/stdout/), 'ipc://stdout?value=backend%20ready%20--name%3Dtest')
  const value = { text: 'héllo\nworld', n: [1, 2, 3] }
  backend.write(`ipc://process.write?index=0&event=echo&value=${encodeURIComponent(JSON.stringify(value))}`)
  const echoed = parseLine(await backend.waitFor(/^ipc:\/\/send\?event=echoed/))!
  assert.equal(echoed.params.get('index'), '-1')
  assert.deepEqual(JSON.parse(echoed.params.get('value')!), value)

  // A message split across writes still arrives whole.
  const line = `ipc://process.write?index=0&event=echo&value=${encodeURIComponent('"split"')}\n`
  backend.child.stdin!.write(line.slice(0, 20))
  await new Promise((resolve) => setTimeout(resolve, 20))
  backend.child.stdin!.write(line.slice(20))
  await backend.waitFor(/value=%22split%22/)

  backend.child.stdin!.end()
  const [code] = await once(backend.child, 'exit')
  assert.equal(code, 0)
  assert.equal(backend.lines.at(-1), 'ipc://process.exit?value=0')
  assert.ok(backend.lines.every((l) => l.startsWith('ipc://')), 'nothing but protocol lines on stdout')
})

test('a crashing backend reports its exit code and the error on raw stderr', async () => {
  const backend = startBackend()
  await backend.waitFor(/^ipc:\/\/stdout/)
  backend.write('ipc://process.write?index=0&event=crash&value=null')
  const [code] = await once(backend.child, 'exit')
  assert.equal(code, 1)
  assert.match(backend.stderr(), /Error: crash requested by the window/)
  assert.equal(backend.lines.at(-1), 'ipc://process.exit?value=1')
})
