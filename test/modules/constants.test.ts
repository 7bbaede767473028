// The static tables socket: modules carry (fs.constants, os.constants, errno messages) equal Node's on Linux.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import nodeFs from 'node:fs'
import nodeOs from 'node:os'
import nodeUtil from 'node:util'
import fsConstants from '../../runtime-js/modules/fs/constants.ts'
import osConstants from '../../runtime-js/modules/os/constants.ts'
import { errnoException } from '../../runtime-js/internal/errors.ts'
import { parseFlags } from '../../runtime-js/internal/fs/constants.ts'

test('socket:fs/constants equals node:fs constants', () => {
  // EXTENSIONLESS_FORMAT_* describe Node's own module loader, not files; they have no meaning here.
  const files = Object.fromEntries(Object.entries(nodeFs.constants).filter(([key]) => !key.startsWith('EXTENSIONLESS_')))
  assert.deepEqual({ ...fsConstants }, files)
})

test('socket:os/constants equals node:os constants (errno, signals, priority, dlopen)', () => {
  assert.deepEqual({ ...osConstants.errno }, { ...nodeOs.constants.errno })
  assert.deepEqual({ ...osConstants.signals }, { ...nodeOs.constants.signals })
  assert.deepEqual({ ...osConstants.priority }, { ...nodeOs.constants.priority })
  assert.deepEqual({ ...osConstants.dlopen }, { ...nodeOs.constants.dlopen })
  assert.equal(osConstants.UV_UDP_REUSEADDR, nodeOs.constants.UV_UDP_REUSEADDR)
})

test('errno errors carry the same code, errno and message as Node\'s', () => {
  const systemErrors = nodeUtil.getSystemErrorMap()
  for (const [code, errno] of Object.entries(nodeOs.constants.errno)) {
    const [name, message] = systemErrors.get(-errno) ?? []
    if (name !== code) continue // aliases (EWOULDBLOCK = EAGAIN) share one number
    const error = errnoException(code, { syscall: 'open', path: '/x' })
    assert.equal(error.errno, -errno, code)
    assert.equal(error.message, `${code}: ${message}, open '/x'`)
  }
})

test('fs flags strings map to the O_* bits Node uses', () => {
  const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL } = nodeFs.constants
  assert.equal(parseFlags('r'), O_RDONLY)
  assert.equal(parseFlags('w'), O_WRONLY | O_CREAT | O_TRUNC)
  assert.equal(parseFlags('a+'), O_RDWR | O_CREAT | O_APPEND)
  assert.equal(parseFlags('wx'), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL)
  assert.equal(parseFlags(O_RDWR), O_RDWR)
  assert.throws(() => parseFlags('q'), { code: 'ERR_INVALID_ARG_VALUE' })
})
