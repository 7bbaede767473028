// Every differential case file, by module name: what the Node tests and the webview page both run.
import { observePath } from './path.cases.ts'
import { observeEvents } from './events.cases.ts'
import { observeBuffer } from './buffer.cases.ts'
import { observeUtil } from './util.cases.ts'
import { observeUrl } from './url.cases.ts'
import { observeQuerystring } from './querystring.cases.ts'
import { observeCrypto } from './crypto.cases.ts'
import { observeStringDecoder } from './string_decoder.cases.ts'
import { observeNet } from './net.cases.ts'
import { observeAssert } from './assert.cases.ts'
import { observeAsyncHooks } from './async_hooks.cases.ts'
import { observeStream } from './stream.cases.ts'
import { observeTimersPromises } from './timers-promises.cases.ts'
import type { Observations } from '../harness/observe.ts'

export const pureCases: Record<string, (module: any) => Observations | Promise<Observations>> = {
  path: observePath,
  events: observeEvents,
  buffer: observeBuffer,
  util: observeUtil,
  url: observeUrl,
  querystring: observeQuerystring,
  crypto: observeCrypto,
  string_decoder: observeStringDecoder,
  net: observeNet,
  assert: observeAssert,
  async_hooks: observeAsyncHooks,
  stream: observeStream,
  'timers/promises': observeTimersPromises
}
