// [permissions] hardware_acceleration_disabled: unset, the host turns WebKit's GPU compositing off where the machine
// has no GPU render node, so the web process does not run OpenGL on Mesa's llvmpipe (its threads are named
// llvmpipe-N); `false` keeps WebKit's default, `true` turns it off everywhere. WebGL works in every case.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { makeApp, reports, runHost, testPage } from './helpers.ts'

const hasRenderNode = existsSync('/dev/dri') && readdirSync('/dev/dri').some((name) => name.startsWith('renderD'))

// The thread names of the host's web process(es), read while the page waits for the test.
function webProcessThreads (hostPid: number): string[] {
  const names: string[] = []
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) !== hostPid) continue
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('WebKitWebProces')) continue
      for (const task of readdirSync(`/proc/${pid}/task`)) names.push(readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim())
    } catch {}
  }
  return names
}

// The page lets a frame or two be drawn, says WAIT and waits 2 s while the test looks at its process, then draws with
// WebGL (red, read back; WebGL brings OpenGL into the web process in every case, so it comes after the look).
const page = testPage(`
  await sleep(1000)
  console.log('WAIT')
  await sleep(2000)
  const gl = document.createElement('canvas').getContext('webgl')
  gl.clearColor(1, 0, 0, 1)
  gl.clear(gl.COLOR_BUFFER_BIT)
  const pixel = new Uint8Array(4)
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel)
  report('pixel', Array.from(pixel))
`)

for (const [setting, expectGl] of [[undefined, hasRenderNode], ['false', true], ['true', false]] as const) {
  test(`hardware_acceleration_disabled ${setting ?? 'unset'}: ${expectGl ? 'WebKit composites with OpenGL' : 'no OpenGL compositing in the web process'}; WebGL draws`, async () => {
    const app = makeApp({ 'main.js': page }, setting === undefined ? {} : { permissions_hardware_acceleration_disabled: setting }, { runtime: false })
    let threads: string[] = []
    try {
      const run = await runHost(app.dir, {
        args: ['--test=main.js'],
        onLine: (line, child) => { if (line === 'WAIT') threads = webProcessThreads(child.pid!) }
      })
      assert.equal(run.code, 0, run.stderr)
      assert.deepEqual(reports(run).pixel, [255, 0, 0, 255])
      assert.ok(threads.length > 0, 'the web process was not found')
      // On a machine with a GPU, WebKit's compositing does not use llvmpipe at all: only the "off" cases are certain.
      if (!hasRenderNode) assert.equal(threads.some((name) => name.startsWith('llvmpipe')), expectGl, threads.join(' '))
      else if (!expectGl) assert.ok(!threads.some((name) => name.startsWith('llvmpipe')), threads.join(' '))
    } finally {
      app.remove()
    }
  })
}
