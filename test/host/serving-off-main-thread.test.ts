// socket:// finds, opens and reads the app's files on the worker pool, never on the GTK main thread
// (native/linux/scheme_socket.cc). A file whose open blocks (here: another process holds a write lease on it, so
// open(2) waits until the lease is given up, as it would on a slow mount) no longer stalls the window: the page
// still gets IPC answers, timers and other files meanwhile. On the old host the main thread waited in that open
// until the kernel broke the lease (/proc/sys/fs/lease-break-time, 45 s), and nothing else was answered. A file
// larger than the streaming threshold (1 MiB) arrives whole and intact; a FIFO is 404.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

// Holds a write lease on argv[1] until a line arrives on stdin (or stdin closes). SIGIO tells it that someone
// wants the file; it keeps the lease anyway, so that opener waits.
const leaseHolder = `
import fcntl, os, signal, sys
signal.signal(signal.SIGIO, lambda *_: None)
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
print('held', flush=True)
sys.stdin.readline()
fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
print('released', flush=True)
`

function bigFile (size: number): Buffer {
  const out = Buffer.alloc(size)
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >> 11)) & 0xff
  return out
}

test('a file whose open blocks does not block the window; a large file streams intact', async () => {
  const big = bigFile(5 * 1024 * 1024 + 123)
  const app = makeApp({
    'slow.txt': 'slow but served',
    'small.txt': 'small',
    'big.bin': big,
    'main.js': testPage(`
      let settled = false
      const slow = fetch('socket://com.example.hosttest/slow.txt').then(async (r) => { settled = true; return { status: r.status, text: await r.text() } })
      await sleep(300)
      let ticks = 0
      const timer = setInterval(() => { ticks++ }, 10)
      let uptimes = 0
      for (let i = 0; i < 20; i++) if (typeof (await call('os.uptime')).data === 'number') uptimes++
      const small = await (await fetch('socket://com.example.hosttest/small.txt')).text()
      await sleep(100)
      clearInterval(timer)
      report('whileBlocked', { settled, uptimes, timersFired: ticks > 0, small })
      report('slow', await slow)
      const response = await fetch('socket://com.example.hosttest/big.bin')
      const bytes = new Uint8Array(await response.arrayBuffer())
      const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
      report('big', { status: response.status, type: response.headers.get('content-type'), length: bytes.length, digest })
      // Only regular files are served: a FIFO in the app's folder is 404, never opened (that would wait for a writer).
      report('fifo', (await fetch('socket://com.example.hosttest/pipe.fifo')).status)
    `)
  }, {}, { runtime: false })
  execFileSync('mkfifo', [join(app.dir, 'pipe.fifo')])
  const holder = spawn('python3', ['-c', leaseHolder, join(app.dir, 'slow.txt')], { stdio: ['pipe', 'pipe', 'inherit'] })
  let holderOut = ''
  const held = new Promise<void>((resolve, reject) => {
    holder.stdout.setEncoding('utf8')
    holder.stdout.on('data', (chunk: string) => { holderOut += chunk; if (holderOut.includes('held')) resolve() })
    holder.on('exit', (code) => reject(new Error(`the lease holder exited (${code}) before holding the lease: ${holderOut}`)))
  })
  try {
    await held
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      timeoutMs: 120000,
      // The page has seen what it needed while the open waited: let the open through.
      onLine: (line) => { if (line.startsWith('REPORT ["whileBlocked"')) holder.stdin.end('go\n') }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.deepEqual(r.whileBlocked, { settled: false, uptimes: 20, timersFired: true, small: 'small' })
    assert.deepEqual(r.slow, { status: 200, text: 'slow but served' })
    assert.equal(r.fifo, 404)
    assert.deepEqual(r.big, { status: 200, type: 'application/octet-stream', length: big.length, digest: createHash('sha256').update(big).digest('hex') })
  } finally {
    holder.kill()
    app.remove()
  }
})
