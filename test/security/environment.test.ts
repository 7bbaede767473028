// process.env from a page: reads only what `[build] env` exposes; writes never reach the host's own environment
// (so WebKit's web processes for new windows inherit nothing) and never carry a variable that loads code, not
// even with every permission granted, not through child_process's env either, and not into a restarted backend.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeApp, reports, runHost, testPage } from '../host/helpers.ts'

// The environment of every WebKitWebProcess the host started (its children), as "NAME=value" lines.
function webProcessEnvironments (hostPid: number): string[][] {
  const out: string[][] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== hostPid || !stat.includes('(WebKitWebProces')) continue
      out.push(readFileSync(`/proc/${name}/environ`, 'utf8').split('\0'))
    } catch {}
  }
  return out
}

test('process.env: reads outside [build] env and code-loading writes are refused; backends, children and new windows stay clean', async () => {
  const app = makeApp({
    'second.html': '<!doctype html><title>second</title>',
    'main.js': testPage(`
      const error = (result) => result.err ? result.err.type + ': ' + result.err.message : 'ok'
      report('exposed', (await call('process.env.get', { key: 'SEC_EXPOSED' })).data)
      report('hidden', error(await call('process.env.get', { key: 'SEC_HIDDEN' })))
      report('home', error(await call('process.env.get', { key: 'HOME' })))
      const refused = {}
      for (const key of ['LD_PRELOAD', 'ld_preload', 'LD_LIBRARY_PATH', 'GIO_EXTRA_MODULES', 'GTK_MODULES', 'WEBKIT_INJECTED_BUNDLE_PATH',
                         'GST_PLUGIN_PATH', 'PYTHONPATH', 'NODE_OPTIONS', 'BASH_ENV', 'PATH', 'BROWSER']) {
        refused[key] = (await call('process.env.set', { key, value: '/tmp/evil.so' })).err?.type
      }
      report('refused', refused)
      report('setFoo', error(await call('process.env.set', { key: 'SEC_FOO', value: 'bar' })))
      report('readFoo', (await call('process.env.get', { key: 'SEC_FOO' })).data)
      const exec = (args, env) => call('child_process.exec', { args: JSON.stringify(args), ...(env ? { env: JSON.stringify(env) } : {}) })
      report('childInherits', (await exec(['sh', '-c', 'printf "%s|%s" "$SEC_FOO" "$LD_PRELOAD"'])).data?.stdout)
      report('childSmuggle', error(await exec(['true'], ['LD_PRELOAD=/tmp/evil.so'])))
      report('childSmuggleLower', error(await exec(['true'], ['GIO_EXTRA_MODULES=/tmp'])))
      report('childPlain', (await exec(['sh', '-c', 'printf "%s" "$SEC_X"'], ['SEC_X=y'])).data?.stdout)
      report('backend', error(await call('process.open', { force: 'true' })))
      await call('window.create', { options: JSON.stringify({ targetWindowIndex: 1, url: 'second.html', headless: true }) })
      await sleep(2000)
      console.log('CHECK-WEB-PROCESSES')
      await sleep(1000)
    `)
  }, {
    build_env: 'SEC_EXPOSED',
    linux_cmd: 'sh -c "env > backend-env.$$; sleep 30"',
    permissions_allow_child_process: 'true',
    // The permission for process.env writes (docs/permissions.md): the refusal must hold with it granted.
    permissions_allow_env_write: 'true'
  })
  try {
    let webProcesses: string[][] = []
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      env: { SEC_EXPOSED: 'shown', SEC_HIDDEN: 'secret' },
      onLine: (line, child) => { if (line === 'CHECK-WEB-PROCESSES') webProcesses = webProcessEnvironments(child.pid!) }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.exposed, 'shown')
    assert.match(r.hidden, /^NotAllowedError: .*SEC_HIDDEN.*\[build\] env/)
    assert.match(r.home, /^NotAllowedError/)
    for (const [key, type] of Object.entries(r.refused)) assert.equal(type, 'NotAllowedError', key)
    assert.equal(r.setFoo, 'ok')
    assert.equal(r.readFoo, 'bar')
    assert.equal(r.childInherits, 'bar|', 'children see page-set variables, never a page-set LD_PRELOAD')
    assert.match(r.childSmuggle, /^NotAllowedError: .*LD_PRELOAD/)
    assert.match(r.childSmuggleLower, /^NotAllowedError: .*GIO_EXTRA_MODULES/)
    assert.equal(r.childPlain, 'y')
    assert.equal(r.backend, 'ok')
    const dumps = readdirSync(app.dir).filter((name) => name.startsWith('backend-env.'))
    assert.ok(dumps.length >= 2, `the backend started twice (at launch and on process.open): ${dumps}`)
    const restarted = dumps.map((name) => readFileSync(join(app.dir, name), 'utf8')).find((text) => text.includes('SEC_FOO=bar'))
    assert.ok(restarted, 'the restarted backend sees the page-set variable')
    assert.doesNotMatch(restarted, /evil/, 'and no page-set variable that loads code')
    assert.ok(webProcesses.length >= 1, 'the host has web processes')
    for (const environment of webProcesses) {
      assert.ok(!environment.includes('SEC_FOO=bar'), 'a web process started after the write does not inherit it')
      assert.ok(!environment.some((entry) => entry.includes('evil')), 'nor anything that loads code')
    }
    assert.ok(!existsSync(join(app.dir, 'evil.so')))
  } finally {
    app.remove()
  }
})
