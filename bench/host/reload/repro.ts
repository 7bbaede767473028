// Reload-hang repro: runs a page pattern many times, reloads it (SIGUSR2, or the page itself), and on a hang saves
// gdb backtraces of the host and its web processes, their threads' states, and the web process's JavaScript stack
// (js-stack.gdb: JavaScriptCore's exported VMInspector, no debug symbols needed). Found the WebKitGTK module-loader
// loop that native/linux/reload.cc explains. Not part of the test suite; bounded by <runs>.
// usage (under one X server): xvfb-run -a npx tsx bench/host/reload/repro.ts <variant> <runs> <parallel> [hangMs]
// variants: old (the reload-signal test before 640ec3a: a page polling ipc:// when reloaded), double (two signals),
// early (a signal in the first 1.5 s), many (fs.stat polls, a FIFO read, a FIFO app file in flight), storm
// (fetch loops outside the module), tla (the module itself always awaits a fetch), tlabridge (the same through
// the message bridge), selfreload (tla, reloaded
// by location.reload()), exitreload (the page exits as the signal lands). TEST_TIMEOUT=ms passes --test-timeout.
import { spawn, execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { makeAcks, makeApp, hostBinary, testPage } from '../../../test/host/helpers.ts'

const [variant = 'old', runsArg = '10', parallelArg = '1', hangArg = '40000'] = process.argv.slice(2)
const runs = Number(runsArg)
const parallel = Number(parallelArg)
const hangMs = Number(hangArg)
const out = join(tmpdir(), `reload-repro-${variant}-${Date.now()}`)
const gdbScript = join(import.meta.dirname, 'js-stack.gdb')
mkdirSync(out, { recursive: true })
const summary = join(out, 'summary.txt')

function children (pid: number): number[] {
  const found: number[] = []
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
      for (const c of text.split(/\s+/).filter(Boolean)) { found.push(Number(c)); found.push(...children(Number(c))) }
    }
  } catch {}
  return found
}

function diagnose (pid: number, file: string): void {
  const pids = [pid, ...children(pid)]
  let text = ''
  for (const p of pids) {
    let comm = '?'
    try { comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim() } catch {}
    text += `\n===== pid ${p} (${comm}) =====\n`
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const status = readFileSync(`/proc/${p}/task/${task}/status`, 'utf8')
        const name = /^Name:\s*(.*)$/m.exec(status)?.[1]
        const state = /^State:\s*(.*)$/m.exec(status)?.[1]
        let wchan = ''
        try { wchan = readFileSync(`/proc/${p}/task/${task}/wchan`, 'utf8') } catch {}
        text += `task ${task} ${name} ${state} wchan=${wchan}\n`
      }
    } catch (e) { text += `cannot read tasks: ${e}\n` }
    try {
      text += execFileSync('gdb', ['-p', String(p), '-batch', '-ex', 'thread apply all bt', '-ex', 'info sharedlibrary'], { encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e: any) { text += `gdb failed: ${e.message}\n${e.stdout ?? ''}` }
    if (comm.startsWith('WebKitWebProces')) {
      for (let k = 0; k < 2; k++) {
        try { text += `--- sample ${k}\n` + execFileSync('gdb', ['-p', String(p), '-batch', '-x', gdbScript], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] }) } catch (e: any) { text += `gdb failed: ${e.message}\n` }
      }
    }
  }
  writeFileSync(file, text)
}

// A page whose first run does `first` (sessionStorage tells the runs apart) and whose second run exits 0.
function secondRunEnds (first: string): string {
  return `
        console.log('STEP running')
        if (sessionStorage.getItem('ran') === '1') { await exit(0); await new Promise(() => {}) }
        sessionStorage.setItem('ran', '1')
        ${first}`
}

// The page bodies. `acks` is a folder the app may read (filesystem_read).
function body (acks: string): string {
  const stat = `'ipc://fs.stat?seq=T&index=0&path=' + encodeURIComponent(${JSON.stringify(acks)})`
  switch (variant) {
    case 'old':
    case 'double':
    case 'early':
      return `await step('running')`
    case 'storm':
      // Fetches keep being issued through the reload: each failed one is followed at once by another.
      return `
        for (let i = 0; i < 4; i++) (async () => { for (;;) { await fetch('ipc://fs.stat?seq=S' + i + '&index=0&path=' + encodeURIComponent(${JSON.stringify(acks)})).catch(() => {}) } })()
        await step('running')`
    case 'tla':
      // The module itself awaits ipc:// calls, one always in flight, when the reload commits.
      return secondRunEnds(`for (;;) await fetch(${stat}).catch(() => {})`)
    case 'selfreload':
      // The page reloads itself (location.reload()) while its module awaits ipc:// calls.
      return secondRunEnds(`setTimeout(() => location.reload(), 300)
        for (;;) await fetch(${stat}).catch(() => {})`)
    case 'tlabridge':
      // tla through the message bridge (webkit.messageHandlers.ipc in its isolated world) instead of fetch.
      return secondRunEnds(`const bridge = (uri) => new Promise((resolve) => {
          const id = String(Math.random()).slice(2)
          const on = (event) => { const d = String(event.detail); if (d.startsWith(id + ' ')) { document.removeEventListener('__socket_ipc_reply', on); resolve(d) } }
          document.addEventListener('__socket_ipc_reply', on)
          document.dispatchEvent(new CustomEvent('__socket_ipc', { detail: id + ' ' + uri }))
        })
        for (;;) await bridge(${stat})`)
    case 'exitreload':
      // The page ends (exit(0)) at the moment the reload arrives: App::exit with a navigation pending.
      return `console.log('STEP running'); await sleep(Math.floor(Math.random() * 20))`
    case 'many':
      // Many calls in flight at reload time: fs.stat polls, a read of a FIFO with no writer, a slow app file.
      return `
        const pending = []
        for (let i = 0; i < 8; i++) pending.push((async () => { for (;;) { await call('fs.stat', { path: ${JSON.stringify(acks)} }); } })())
        pending.push(fetch('/slow.fifo').catch((e) => 0))
        pending.push(call('fs.readFile', { path: ${JSON.stringify(acks + '/never.fifo')} }).catch(() => 0))
        await step('running')`
    case 'exitrace':
      // The old page's exit(1) arrives during the reload, on purpose.
      return `
        addEventListener('pagehide', () => { fetch('ipc://application.exit?seq=R0&value=1').catch(() => {}) })
        await step('running')`
    default:
      throw new Error('unknown variant ' + variant)
  }
}

interface Result { i: number, code: number | null, signal: string | null, ms: number, hung: boolean, steps: number, loadFailed: boolean }

async function once (i: number): Promise<Result> {
  const acks = makeAcks()
  if (variant === 'many') execFileSync('mkfifo', [join(acks.dir, 'never.fifo')])
  const app = makeApp({ 'main.js': testPage(body(acks.dir), acks.dir) }, { filesystem_read: acks.dir }, { runtime: false })
  if (variant === 'many') execFileSync('mkfifo', [join(app.dir, 'slow.fifo')])
  const started = Date.now()
  const log: string[] = []
  const stamp = (what: string, line: string) => log.push(`${String(Date.now() - started).padStart(6)} ${what} ${line}`)
  const child = spawn(hostBinary, [`--resources=${app.dir}`, '--headless', '--test=main.js', ...(process.env.TEST_TIMEOUT ? ['--test-timeout=' + process.env.TEST_TIMEOUT] : [])], { env: { ...process.env, JSC_SIGNAL_FOR_GC: '30' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let steps = 0
  let hung = false
  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    pending += chunk
    let n
    while ((n = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, n)
      pending = pending.slice(n + 1)
      stamp('OUT', line)
      if (line !== 'STEP running') continue
      steps++
      if (variant === 'early') { acks.ack('running'); continue }
      if (variant === 'exitreload') { child.kill('SIGUSR2'); continue }
      if (variant === 'selfreload') continue
      if (variant === 'tla' || variant === 'tlabridge') { if (steps === 1) child.kill('SIGUSR2'); continue }
      if (steps === 1) {
        child.kill('SIGUSR2')
        if (variant === 'double') child.kill('SIGUSR2')
      } else acks.ack('running')
    }
  })
  child.stderr.on('data', (chunk: string) => { for (const l of chunk.split('\n')) if (l) stamp('ERR', l) })
  if (variant === 'early') {
    // The reload arrives during the initial page load (a random moment in the first 1.5 s).
    setTimeout(() => { child.kill('SIGUSR2'); stamp('SIG', 'SIGUSR2 (early)') }, Math.floor(Math.random() * 1500))
    // The page's first step then comes once (or twice if the signal came before the load): ack after a step.
  }
  // A hang: no exit within hangMs of the first step (the reload), or 120 s in all (a slow start under load).
  const onHang = () => {
    if (hung || child.exitCode !== null) return
    hung = true
    stamp('HANG', 'diagnosing')
    try { diagnose(child.pid!, join(out, `hang-${i}.txt`)) } catch (e) { stamp('HANG', String(e)) }
    child.kill('SIGKILL')
  }
  let hangTimer = setTimeout(onHang, 120000)
  child.stdout.once('data', () => { clearTimeout(hangTimer); hangTimer = setTimeout(onHang, hangMs) })
  const { code, signal } = await new Promise<{ code: number | null, signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })))
  clearTimeout(hangTimer)
  const ms = Date.now() - started
  const loadFailed = log.some((l) => l.includes('Load failed'))
  const ok = code === 0 && !hung
  if (!ok || process.env.KEEP) writeFileSync(join(out, `run-${i}.log`), log.join('\n') + '\n')
  app.remove()
  acks.remove()
  return { i, code, signal, ms, hung, steps, loadFailed }
}

async function main (): Promise<void> {
  let next = 0
  const results: Result[] = []
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  appendFileSync(summary, `variant=${variant} runs=${runs} parallel=${parallel} hangMs=${hangMs} load=${load()}\n`)
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < runs) {
      const i = next++
      const r = await once(i)
      results.push(r)
      const line = `run ${i}: code=${r.code} signal=${r.signal} ms=${r.ms} hung=${r.hung} steps=${r.steps} loadFailed=${r.loadFailed} load=${load()}`
      appendFileSync(summary, line + '\n')
      console.log(line)
    }
  }))
  const bad = results.filter((r) => r.code !== 0 || r.hung)
  const msList = results.map((r) => r.ms).sort((a, b) => a - b)
  const line = `DONE ${variant}: ${results.length} runs, ${bad.length} not ok (${bad.filter((r) => r.hung).length} hung), loadFailed in ${results.filter((r) => r.loadFailed).length}, ms median ${msList[msList.length >> 1]} max ${msList[msList.length - 1]} -> ${out}`
  appendFileSync(summary, line + '\n')
  console.log(line)
}

void main()
