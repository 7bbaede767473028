// The workload bench/modules.bench.ts times: once on node:fs/node:dgram in Node, once on socket:fs and
// socket:dgram in the webview (webview/bench.page.ts). Not a test: it asserts nothing.
import type * as NodeFs from 'node:fs'
import type * as NodeDgram from 'node:dgram'

type Fs = typeof NodeFs
type Dgram = typeof NodeDgram
export type Results = Record<string, number>

/** `pause` yields to the event loop between bursts (setImmediate: a 0 ms timer is throttled in hidden pages). */
export async function workload (fs: Fs, dgram: Dgram, dir: string, pause: () => Promise<void>): Promise<Results> {
  const out: Results = {}
  const time = async (label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<void> => {
    await fn()
    const started = performance.now()
    for (let i = 0; i < runs; i++) await fn()
    out[label] = (performance.now() - started) / runs
  }
  const big = new Uint8Array(4 * 1024 * 1024).map((_, i) => i & 0xff)
  fs.writeFileSync(`${dir}/small.txt`, 'x')
  await time('stat (promise), ms', 200, () => fs.promises.stat(`${dir}/small.txt`))
  await time('statSync, ms', 200, () => fs.statSync(`${dir}/small.txt`))
  await time('writeFile 4 MiB, ms', 5, () => fs.promises.writeFile(`${dir}/big.bin`, big))
  await time('readFile 4 MiB, ms', 5, () => fs.promises.readFile(`${dir}/big.bin`))
  await time('readFileSync 4 MiB, ms', 5, () => fs.readFileSync(`${dir}/big.bin`))

  // 2000 datagrams of 512 bytes from one socket to another on 127.0.0.1, sent in bursts of 50.
  const count = 2000
  const receiver = dgram.createSocket('udp4')
  const sender = dgram.createSocket('udp4')
  const port = await new Promise<number>((resolve) => receiver.bind(0, '127.0.0.1', () => resolve(receiver.address().port)))
  await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()))
  let received = 0
  let last = 0
  const payload = new Uint8Array(512)
  const started = performance.now()
  const done = new Promise<void>((resolve) => {
    receiver.on('message', () => { last = performance.now(); if (++received === count) resolve() })
    setTimeout(resolve, 20_000)
  })
  for (let sent = 0; sent < count; sent += 50) {
    for (let i = 0; i < 50; i++) sender.send(payload, port, '127.0.0.1')
    await pause()
  }
  await done
  out['datagrams received per second'] = received / ((last - started) / 1000)
  out['datagrams received of 2000'] = received
  sender.close()
  receiver.close()
  return out
}


