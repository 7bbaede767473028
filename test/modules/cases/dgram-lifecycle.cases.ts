// Observations of a dgram socket's life outside the happy path: the order of its events, what unbound,
// connecting and closed sockets do, and the send argument forms Node accepts. Runs on node:dgram in Node and
// on socket:dgram in the webview (real UDP sockets on 127.0.0.1), beside dgram.cases.ts.
import type * as NodeDgram from 'node:dgram'
import { Observer, errorShape, type Observations } from '../harness/observe.ts'

type Dgram = typeof NodeDgram
type Socket = NodeDgram.Socket

const LOCAL = '127.0.0.1'
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Records every lifecycle event (and error code) in order. */
function recordEvents (socket: Socket): string[] {
  const events: string[] = []
  for (const name of ['listening', 'connect', 'close']) socket.on(name, () => events.push(name))
  socket.on('error', (error: Error & { code?: string }) => events.push(`error ${error.code ?? error.name}`))
  return events
}

/** Texts that reach `socket` within `ms`. */
function collect (socket: Socket, ms: number): Promise<string[]> {
  const texts: string[] = []
  const onMessage = (msg: Uint8Array): void => { texts.push(decode(msg)) }
  socket.on('message', onMessage)
  return settle(ms).then(() => { socket.off('message', onMessage); return texts })
}

function thrown (fn: () => unknown): unknown {
  try { fn(); return 'no error' } catch (error) { return errorShape(error) }
}

export async function observeDgramLifecycle (dgram: Dgram): Promise<Observations> {
  const o = new Observer()
  const receiver = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => receiver.bind(0, LOCAL, () => resolve()))
  const port = receiver.address().port

  await o.seeAsync('bind, connect, close: events in order; bind and close return the socket', async () => {
    const s = dgram.createSocket('udp4')
    const events = recordEvents(s)
    const bindReturns = s.bind(0, LOCAL) === s
    await new Promise((resolve) => s.once('listening', resolve))
    const connectReturns = s.connect(port, LOCAL)
    await new Promise((resolve) => s.once('connect', resolve))
    const closeReturns = s.close() === s
    await new Promise((resolve) => s.once('close', resolve))
    await settle(50)
    return { events, bindReturns, connectReturns: connectReturns === undefined ? 'undefined' : connectReturns === s, closeReturns }
  })

  await o.seeAsync('connect on an unbound socket binds it first', async () => {
    const s = dgram.createSocket('udp4')
    const events = recordEvents(s)
    await new Promise<void>((resolve) => s.connect(port, LOCAL, () => resolve()))
    const local = s.address()
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { events, bound: local.port > 0, family: local.family }
  })

  await o.seeAsync('close an unbound socket', async () => {
    const s = dgram.createSocket('udp4')
    const events = recordEvents(s)
    const twice: unknown[] = []
    let called = 0
    s.close(() => called++)
    twice.push(thrown(() => s.close()))
    await settle(100)
    return { events, called, twice }
  })

  await o.seeAsync('close while bind is pending: no listening, one close', async () => {
    const s = dgram.createSocket('udp4')
    const events = recordEvents(s)
    s.bind(0, LOCAL)
    s.close()
    await settle(200)
    return events
  })

  // Node queues the close behind the send and then drops the datagram (its address lookup finds the handle
  // closed); socket:dgram hands it to the host first. Observed alike: the events and no error.
  await o.seeAsync('send then close at once on an unbound socket', async () => {
    const s = dgram.createSocket('udp4')
    const events = recordEvents(s)
    let failed = false
    s.send('queued', port, LOCAL, (error) => { failed = error !== null })
    s.close()
    await settle(300)
    return { events, failed }
  })

  await o.seeAsync('errors of unbound and unconnected sockets', async () => {
    const s = dgram.createSocket('udp4')
    const result = {
      disconnect: thrown(() => s.disconnect()),
      remoteAddress: thrown(() => s.remoteAddress()),
      'connect port 0': thrown(() => s.connect(0, LOCAL)),
      'connect port 65536': thrown(() => s.connect(65536, LOCAL)),
      'connect a string port': thrown(() => s.connect('x' as unknown as number, LOCAL))
    }
    s.close()
    await settle(50)
    return result
  })

  await o.seeAsync('connect twice while connecting', async () => {
    const s = dgram.createSocket('udp4')
    s.connect(port, LOCAL)
    const second = thrown(() => s.connect(port, LOCAL))
    await new Promise((resolve) => s.once('connect', resolve))
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return second
  })

  // Not observed: connect() after close, where Node fails with a TypeError from its released handle, and
  // bind() with a port out of range (docs/modules.md, known differences).
  await o.seeAsync('after close: disconnect, remoteAddress, bind, ref', async () => {
    const s = dgram.createSocket('udp4')
    s.bind(0, LOCAL)
    await new Promise((resolve) => s.once('listening', resolve))
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return {
      disconnect: thrown(() => s.disconnect()),
      remoteAddress: thrown(() => s.remoteAddress()),
      bind: thrown(() => s.bind(0)),
      refReturnsSocket: s.ref() === s && s.unref() === s
    }
  })

  await o.seeAsync('connected send forms: offset/length with callback, a list, an empty message', async () => {
    const s = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => s.connect(port, LOCAL, () => resolve()))
    const arrived = collect(receiver, 400)
    const bytes: unknown[] = []
    await new Promise<void>((resolve) => s.send(new TextEncoder().encode('abcdef'), 1, 3, (error, n) => { bytes.push(error ?? n); resolve() }))
    await new Promise<void>((resolve) => s.send(['li', new TextEncoder().encode('st')] as unknown as string, (error, n) => { bytes.push(error ?? n); resolve() }))
    await new Promise<void>((resolve) => s.send('', (error, n) => { bytes.push(error ?? n); resolve() }))
    const texts = await arrived
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { texts, bytes }
  })

  await o.seeAsync('unconnected send forms: string with offset/length, a DataView, an empty list', async () => {
    const s = dgram.createSocket('udp4')
    const arrived = collect(receiver, 400)
    s.send('0123456789', 7, 3, port, LOCAL)
    s.send(new DataView(new TextEncoder().encode('view').buffer), port, LOCAL)
    const empty = await new Promise((resolve) => s.send([] as unknown as string, port, LOCAL, (error, n) => resolve(error ?? n)))
    const texts = (await arrived).sort()
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { texts, empty }
  })

  await o.seeAsync('send argument errors', async () => {
    const s = dgram.createSocket('udp4')
    const result = {
      'no port': thrown(() => s.send('x')),
      'port and callback only': thrown(() => (s.send as (m: string, p: number, c: () => void) => void)('x', 0, () => {})),
      'offset past the end': thrown(() => s.send(new Uint8Array(4), 5, 1, port, LOCAL)),
      'length past the end': thrown(() => s.send(new Uint8Array(4), 2, 3, port, LOCAL)),
      'address a number': thrown(() => s.send('x', port, 7 as unknown as string)),
      'an object': thrown(() => s.send({} as unknown as string, port, LOCAL))
    }
    s.close()
    await settle(50)
    return result
  })

  await o.seeAsync('host names: bind, send and connect to localhost', async () => {
    const s = dgram.createSocket('udp4')
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.bind(0, 'localhost', () => resolve()) })
    const local = s.address().address
    const arrived = collect(receiver, 400)
    const sent = await new Promise((resolve) => s.send('by name', port, 'localhost', (error, n) => resolve(error === null ? n : errorShape(error))))
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.connect(port, 'localhost', () => resolve()) })
    const remote = s.remoteAddress().address
    const texts = await arrived
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { local, sent, remote, texts }
  })

  await o.seeAsync('a host name that does not resolve: send, connect, bind', async () => {
    const NAME = 'no-such-host.invalid'
    const s = dgram.createSocket('udp4')
    const send = await new Promise((resolve) => s.send('x', port, NAME, (error) => resolve(error === null ? 'no error' : errorShape(error))))
    const c = dgram.createSocket('udp4')
    // With a callback, Node hands a failed connect to it (not to 'error').
    const connect = await new Promise((resolve) => {
      c.once('error', (error) => resolve({ event: errorShape(error) }))
      c.connect(port, NAME, ((error?: Error) => resolve({ callback: error === undefined ? 'connected' : errorShape(error) })) as () => void)
    })
    const c2 = dgram.createSocket('udp4')
    const connectWithoutCallback = await new Promise((resolve) => { c2.once('error', (error) => resolve(errorShape(error))); c2.connect(port, NAME); c2.once('connect', () => resolve('connected')) })
    const b = dgram.createSocket('udp4')
    const bind = await new Promise((resolve) => { b.once('error', (error) => resolve(errorShape(error))); b.bind(0, NAME, () => resolve('bound')) })
    for (const socket of [s, c, c2, b]) socket.close()
    return { send, connect, connectWithoutCallback, bind, connectedAfter: thrown(() => c.remoteAddress()) }
  })

  await o.seeAsync('a lookup option is asked about every address', async () => {
    const calls: unknown[] = []
    const s = dgram.createSocket({ type: 'udp4', lookup: ((host: string, family: number, callback: (error: null, address: string, family: number) => void) => { calls.push([host, family]); callback(null, LOCAL, 4) }) as never })
    const arrived = collect(receiver, 400)
    const sent = await new Promise((resolve) => s.send('looked up', port, 'anything.test', (error, n) => resolve(error ?? n)))
    await new Promise<void>((resolve) => s.connect(port, 'other.test', () => resolve()))
    const texts = await arrived
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { calls, sent, texts }
  })
  await o.seeAsync('buffer sizes: options applied at bind, synchronous get and set, errors', async () => {
    const s = dgram.createSocket({ type: 'udp4', recvBufferSize: 65536, sendBufferSize: 32768 })
    const before = { get: thrown(() => s.getRecvBufferSize()), set: thrown(() => s.setSendBufferSize(4096)) }
    const bad = [thrown(() => s.setRecvBufferSize(-1)), thrown(() => s.setRecvBufferSize('x' as unknown as number)), thrown(() => s.setRecvBufferSize(1.5))]
    await new Promise<void>((resolve) => s.bind(0, LOCAL, () => resolve()))
    const fromOptions = [s.getRecvBufferSize(), s.getSendBufferSize()]
    const setReturns = s.setRecvBufferSize(8192)
    const after = s.getRecvBufferSize()
    s.close()
    await new Promise((resolve) => s.once('close', resolve))
    return { before, bad, fromOptions, setReturns: setReturns === undefined ? 'undefined' : setReturns, after }
  })
  o.see('a buffer size option out of range', () => dgram.createSocket({ type: 'udp4', recvBufferSize: -5 }))
  o.see('a lookup option that is not a function', () => dgram.createSocket({ type: 'udp4', lookup: 5 as never }))

  receiver.close()
  await new Promise((resolve) => receiver.once('close', resolve))
  return o.results
}
