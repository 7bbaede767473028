// Writing to os.tmpdir() without [filesystem] allow[] = $TMP fails with EACCES, and err.message (not only
// err.reason) says why and which socket.ini key grants it; with the key the write succeeds.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, ssc, sscInProcess, tempDir } from './helpers.ts'

const HOME = tempDir('ssc-home-')
process.env.HOME = HOME
const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'

const TEST = `import { test } from 'socket:test'
import fs from 'socket:fs/promises'
import os from 'socket:os'
test('tmpdir', async (t) => {
  try {
    await fs.writeFile(os.tmpdir() + '/ssc-tmpdir-hint-' + Date.now(), 'x')
    console.log('WROTE')
  } catch (err) {
    console.log('CODE ' + err.code)
    console.log('MESSAGE ' + err.message)
  }
  t.pass('done')
})
`

test('EACCES in os.tmpdir() names [filesystem] allow[] = $TMP in err.message; with it the write works', { skip }, async () => {
  const dir = join(tempDir(), 'tmpapp')
  assert.equal((await sscInProcess(['init', '-q', dir])).status, 0)
  writeFileSync(join(dir, 'test', 'tmp.js'), TEST)
  const denied = await ssc(['build', '-r', '-q', '--headless', '--test=test/tmp.js', dir], { env: { HOME }, timeoutMs: 90_000 })
  assert.match(denied.stdout, /^CODE EACCES$/m, denied.stdout + denied.stderr)
  assert.match(denied.stdout, /^MESSAGE EACCES: permission denied, open '\/tmp\/ssc-tmpdir-hint-\d+' \(.*not allowed.*\[filesystem\] allow\[\] = \$TMP\)$/m)
  writeFileSync(join(dir, 'socket.ini'), readFileSync(join(dir, 'socket.ini'), 'utf8') + '\n[filesystem]\nallow[] = $TMP\n')
  const allowed = await ssc(['build', '-r', '-q', '--headless', '--test=test/tmp.js', dir], { env: { HOME }, timeoutMs: 90_000 })
  assert.match(allowed.stdout, /^WROTE$/m, allowed.stdout + allowed.stderr)
})
