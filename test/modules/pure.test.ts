// The pure modules, differentially, in Node: each case file runs on node:<name> and on our module.
import { test } from 'node:test'
import { pureCases } from './cases/index.ts'
import { assertSameObservations } from './harness/compare.ts'

const ours: Record<string, () => Promise<unknown>> = {
  path: async () => await import('../../runtime-js/modules/path.ts'),
  events: async () => await import('../../runtime-js/modules/events.ts'),
  buffer: async () => await import('../../runtime-js/modules/buffer.ts'),
  util: async () => await import('../../runtime-js/modules/util.ts'),
  url: async () => await import('../../runtime-js/modules/url.ts'),
  querystring: async () => await import('../../runtime-js/modules/querystring.ts'),
  crypto: async () => await import('../../runtime-js/modules/crypto.ts'),
  string_decoder: async () => await import('../../runtime-js/modules/string_decoder.ts'),
  net: async () => await import('../../runtime-js/modules/net.ts'),
  assert: async () => await import('../../runtime-js/modules/assert.ts'),
  async_hooks: async () => await import('../../runtime-js/modules/async_hooks.ts'),
  stream: async () => await import('../../runtime-js/modules/stream.ts'),
  'timers/promises': async () => await import('../../runtime-js/modules/timers/promises.ts')
}

for (const [name, observe] of Object.entries(pureCases)) {
  test(`socket:${name} gives the same observations as node:${name} (in Node)`, async () => {
    const expected = await observe(await import(`node:${name}`))
    const actual = await observe(await ours[name]())
    assertSameObservations(expected, actual, name)
  })
}
