// Observations of stream: the same file runs against node:stream and socket:stream (readable-stream, Node's
// lib/stream ported): object and byte modes, backpressure, pipeline, finished, transforms, destroy and the
// errors Node names by code. Chunks are observed as strings or arrays so Buffers compare across realms.
import type * as NodeStream from 'node:stream'
import { Observer, type Observations } from '../harness/observe.ts'

const text = (chunk: unknown): string => typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk as Uint8Array)

async function collect (readable: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const chunk of readable) out.push(typeof chunk === 'object' && chunk !== null && !ArrayBuffer.isView(chunk) ? chunk : text(chunk))
  return out
}

export async function observeStream (stream: typeof NodeStream): Promise<Observations> {
  const o = new Observer()
  const { Readable, Writable, Transform, PassThrough, Duplex, pipeline, finished } = stream
  o.see('exports', () => ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'Stream', 'pipeline', 'finished', 'addAbortSignal']
    .map((name) => typeof (stream as unknown as Record<string, unknown>)[name]))
  await o.seeAsync('Readable.from strings, async iteration', async () => await collect(Readable.from(['a', 'b', 'c'])))
  await o.seeAsync('Readable.from objects keeps objects', async () => await collect(Readable.from([{ n: 1 }, { n: 2 }])))
  await o.seeAsync('push/read in paused mode', async () => {
    const r = new Readable({ read () {} })
    r.push('ab')
    r.push('cd')
    r.push(null)
    const first = text(r.read(1))
    const rest = text(r.read())
    return [first, rest, r.readableEnded]
  })
  await o.seeAsync('setEncoding', async () => {
    const r = new Readable({ read () {} })
    r.setEncoding('hex')
    r.push(Uint8Array.from([1, 255]))
    r.push(null)
    return await collect(r)
  })
  await o.seeAsync('Writable write/end/finish order and the highWaterMark signal', async () => {
    const events: unknown[] = []
    const w = new Writable({ highWaterMark: 3, write (chunk, _encoding, callback) { events.push(['write', text(chunk)]); setTimeout(callback, 1) } })
    events.push(['ok', w.write('ab')])
    events.push(['ok', w.write('cd')])
    w.on('drain', () => events.push('drain'))
    await new Promise<void>((resolve) => { w.end('e', () => { events.push('end callback'); resolve() }) })
    events.push(['finished', w.writableFinished])
    return events
  })
  await o.seeAsync('Transform upper-cases and flushes', async () => {
    const t = new Transform({
      transform (chunk, _encoding, callback) { callback(null, text(chunk).toUpperCase()) },
      flush (callback) { this.push('!'); callback() }
    })
    t.end('hey')
    return await collect(t)
  })
  await o.seeAsync('pipeline through a PassThrough into a Writable', async () => {
    const seen: string[] = []
    await new Promise<void>((resolve, reject) => {
      pipeline(Readable.from(['x', 'y']), new PassThrough(), new Writable({ write (chunk, _e, cb) { seen.push(text(chunk)); cb() } }),
        (error) => error ? reject(error) : resolve())
    })
    return seen
  })
  await o.seeAsync('pipeline reports the first error and destroys the rest', async () => {
    const sink = new PassThrough()
    const error = await new Promise<Error | null | undefined>((resolve) => {
      const source = new Readable({ read () { this.destroy(Object.assign(new Error('source broke'), { code: 'E_SOURCE' })) } })
      pipeline(source, sink, (e) => resolve(e))
    })
    return [error?.message, (error as { code?: string })?.code, sink.destroyed]
  })
  await o.seeAsync('finished on a stream that ends', async () => {
    const r = Readable.from(['a'])
    const done = new Promise((resolve) => finished(r, (error) => resolve(error ?? 'ok')))
    r.resume()
    return await done
  })
  await o.seeAsync('write after end', async () => {
    const w = new Writable({ write (_c, _e, cb) { cb() } })
    w.end()
    return await new Promise((resolve) => {
      w.on('error', (error: Error & { code?: string }) => resolve([error.name, error.code]))
      w.write('late')
    })
  })
  await o.seeAsync('push after EOF', async () => {
    const r = new Readable({ read () {} })
    r.push(null)
    return await new Promise((resolve) => {
      r.on('error', (error: Error & { code?: string }) => resolve([error.name, error.code]))
      r.push('late')
    })
  })
  await o.seeAsync('destroy with an error emits error then close', async () => {
    const events: unknown[] = []
    const d = new Duplex({ read () {}, write (_c, _e, cb) { cb() } })
    d.on('error', (error) => events.push(['error', error.message]))
    d.on('close', () => events.push('close'))
    d.destroy(new Error('stop'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    return [events, d.destroyed]
  })
  await o.seeAsync('a Writable without write()', async () => await new Promise<unknown>((resolve) => {
    const w = new Writable()
    w.on('error', (error: Error & { code?: string }) => resolve([error.name, error.code]))
    w.write('x')
  }))
  o.see('objectMode highWaterMark defaults', () => [new Readable({ objectMode: true }).readableHighWaterMark, new Writable({ objectMode: true }).writableHighWaterMark])
  return o.results
}
