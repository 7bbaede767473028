// Runs in the webview: socket:child_process on real child processes of the host. Each check records a value;
// child_process.webview.test.ts states what each must be. With CHILD_DENIED set, socket.ini forbids children.
import { Observer } from '../harness/observe.ts'

declare const CHILD_DENIED: string
const load = async (name: string): Promise<any> => await import(name)
const o = new Observer()
const cp = await load('socket:child_process')
const util = await load('socket:util')
const ipc = await load('socket:ipc')

// Runs a child to its 'close', recording output, events and how it ended.
function run (child: any, feed?: (child: any) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const events: string[] = []
    let stdout = ''
    let stderr = ''
    let bytes = 0
    let error: any = null
    child.stdout.on('data', (chunk: Uint8Array) => { bytes += chunk.length; if (bytes <= 4096) stdout += new TextDecoder().decode(chunk) })
    child.stderr.on('data', (chunk: Uint8Array) => { stderr += new TextDecoder().decode(chunk) })
    child.on('spawn', () => { events.push('spawn'); feed?.(child) })
    child.on('error', (e: any) => { events.push('error'); error = { name: e.name, message: e.message, code: e.code, errno: e.errno, syscall: e.syscall, path: e.path } })
    child.on('exit', (code: number | null, signal: string | null) => events.push(`exit ${code} ${signal}`))
    child.on('close', (code: number | null, signal: string | null) => {
      events.push(`close ${code} ${signal}`)
      resolve({ stdout, stderr, bytes, events, error, killed: child.killed, pidIsNumber: typeof child.pid === 'number' })
    })
  })
}

if (CHILD_DENIED === 'yes') {
  await o.seeAsync('spawn refused by socket.ini', async () => { const r = await run(cp.spawn('echo', ['x'])); return [r.events, (r.error as any)?.name] })
} else {
  await o.seeAsync('spawn echo', async () => await run(cp.spawn('echo', ['hello', 'world'])))
  await o.seeAsync('cat echoes stdin', async () => await run(cp.spawn('cat'), (child) => { child.stdin.write('abc'); child.stdin.end('def') }))
  await o.seeAsync('cat passes 300 kB of stdin', async () => {
    const r = await run(cp.spawn('cat'), (child) => { child.stdin.end(new Uint8Array(300_000).fill(97)) })
    return [r.bytes, r.events]
  })
  await o.seeAsync('stdout of 1 MB', async () => (await run(cp.spawn('head', ['-c', '1000000', '/dev/zero']))).bytes)
  await o.seeAsync('stderr and exit status', async () => { const r = await run(cp.spawn('sh', ['-c', 'echo oops >&2; exit 3'])); return [r.stderr, r.events] })
  await o.seeAsync('kill', async () => { const r = await run(cp.spawn('sleep', ['30']), (child) => child.kill()); return [r.events, r.killed] })
  await o.seeAsync('kill SIGKILL by name', async () => (await run(cp.spawn('sleep', ['30']), (child) => child.kill('SIGKILL'))).events)
  await o.seeAsync('missing program', async () => { const r = await run(cp.spawn('no-such-program-xyz')); return [r.events, r.error] })
  await o.seeAsync('cwd and env', async () => (await run(cp.spawn('sh', ['-c', 'pwd; echo "$FOO"'], { cwd: '/tmp', env: { FOO: 'bar' } }))).stdout)
  await o.seeAsync('exec', async () => await new Promise((resolve) => cp.exec('echo $((2+3)); echo err >&2', (e: Error | null, out: string, err: string) => resolve([e, out, err]))))
  await o.seeAsync('exec failing command', async () => await new Promise((resolve) => cp.exec('exit 4', (e: any) => resolve([e?.code, e?.message, e?.killed]))))
  await o.seeAsync('promisified execFile', async () => await util.promisify(cp.execFile)('echo', ['x']))
  await o.seeAsync('child_process.exec route', async () => {
    const r = await ipc.send('child_process.exec', { args: JSON.stringify(['sh', '-c', 'echo raw; echo e >&2; exit 2']) })
    return [r.err, r.data]
  })
  // Left running on purpose: the host must kill it when the window closes (the test checks the pid is gone).
  await o.seeAsync('child left running', async () => await new Promise((resolve) => { const child = cp.spawn('sleep', ['300']); child.on('spawn', () => resolve(child.pid)) }))
  o.see('execSync', () => { try { cp.execSync('ls'); return 'no error' } catch (e) { return (e as Error).name } })
}

console.log('%s', '__RESULT__ ' + JSON.stringify(o.results))
