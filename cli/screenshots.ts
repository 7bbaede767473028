// `npm run screenshots`: the first window of each `ssc init` template, as docs/screenshots/<template>.png.
// Each app is created, built and run on a private Xvfb screen (1280x800); once its page has logged its first
// line, ImageMagick's `import -window root` captures the window's area. Needs Xvfb, xwininfo and ImageMagick.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { linkCheckoutModules } from './checkout-modules.ts'
import { main } from './src/main.ts'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const OUT = join(ROOT, 'docs', 'screenshots')
export const TEMPLATES = ['vanilla', 'typescript', 'react', 'vue', 'svelte'] as const

async function startXvfb (): Promise<{ display: string, stop: () => void }> {
  for (let n = 300 + Math.floor(Math.random() * 100); n < 600; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue
    const server = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    for (let waited = 0; !existsSync(`/tmp/.X11-unix/X${n}`); waited += 50) {
      if (waited > 10_000 || server.exitCode !== null) throw new Error('Xvfb did not start')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return { display: `:${n}`, stop: () => server.kill() }
  }
  throw new Error('no free X display')
}

/** Creates, builds and photographs one template's app; returns the PNG's path. */
export async function screenshot (template: typeof TEMPLATES[number], outDir = OUT): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'ssc-shot-'))
  const dir = join(work, `${template}-app`)
  try {
    if (await main(['init', '-q', `--template=${template}`, '--no-install', dir]) !== 0) throw new Error('ssc init failed')
    if (template === 'typescript') {
      // This checkout's esbuild and typescript, and the packed runtime's types, instead of an npm install.
      const staged = join(ROOT, 'build', 'npm', 'socket-runtime-ts')
      if (!existsSync(staged)) await (await import('./pack.ts')).pack()
      linkCheckoutModules(dir, { 'socket-runtime-ts': staged })
    } else if (template !== 'vanilla') {
      linkCheckoutModules(dir) // esbuild and the framework, from this checkout's npm ci
    }
    if (await main(['build', '-q', dir]) !== 0) throw new Error(`ssc build failed for ${template}`)
    const executable = readdirSync(join(dir, 'build', 'linux')).map((root) => join(dir, 'build', 'linux', root, 'opt'))
      .flatMap((opt) => readdirSync(opt).map((name) => join(opt, name, name)))[0]
    const x = await startXvfb()
    const env = { ...process.env, DISPLAY: x.display }
    const host = spawn(executable, [], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${template}: the page logged nothing in 60 s`)), 60_000)
        host.stdout.on('data', () => { clearTimeout(timer); resolve() })
        host.on('exit', (code) => reject(new Error(`${template}: the app exited (${code})`)))
      })
      await new Promise((resolve) => setTimeout(resolve, 1000)) // the first paint after the log line
      const info = spawnSync('xwininfo', ['-root', '-tree'], { env, encoding: 'utf8' }).stdout
      // The app's window: the largest named top-level window (WebKit keeps small helper windows too).
      const windows = [...info.matchAll(/"[^"]*": \([^)]*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)/g)]
      const geometry = windows.sort((a, b) => Number(b[1]) * Number(b[2]) - Number(a[1]) * Number(a[2]))[0]
      mkdirSync(outDir, { recursive: true })
      const target = join(outDir, `${template}.png`)
      const crop = geometry !== undefined ? ['-crop', `${geometry[1]}x${geometry[2]}+${geometry[3]}+${geometry[4]}`] : []
      // A framework may log before it paints (React's development build does): capture again, for up to 10 s,
      // while the window is still one colour.
      for (let attempt = 0; ; attempt++) {
        const shot = spawnSync('import', ['-window', 'root', ...crop, '+repage', target], { env, encoding: 'utf8' })
        if (shot.status !== 0) throw new Error(`import failed: ${shot.stderr}`)
        const colours = Number(spawnSync('identify', ['-format', '%k', target], { encoding: 'utf8' }).stdout)
        if (colours > 1 || attempt === 20) break
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      return target
    } finally {
      host.kill('SIGTERM')
      x.stop()
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const template of TEMPLATES) console.log(await screenshot(template))
}
