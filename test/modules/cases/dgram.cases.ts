// Observations of dgram over real UDP sockets on 127.0.0.1: binding, sending and receiving, connecting,
// and the ERR_SOCKET_* / errno errors. Runs on node:dgram in Node and on socket:dgram in the webview.
import type * as NodeDgram from 'node:dgram'
import { Observer, type Observations } from '../harness/observe.ts'

type Dgram = typeof NodeDgram
type Socket = NodeDgram.Socket

function socketError (error: unknown): Record<string, unknown> {
  const e = error as Record<string, unknown>
  const shape: Record<string, unknown> = { name: e.name }
  for (const key of ['code', 'errno', 'syscall', 'address']) if (e[key] !== undefined) shape[key] = e[key]
  return shape
}

function bound (socket: Socket, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, '127.0.0.1', () => { socket.off('error', reject); resolve(socket.address().port) })
  })
}

function nextMessage (socket: Socket, ms = 5000): Promise<{ text: string, from: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no datagram within 5 s')), ms)
    socket.once('message', (msg, rinfo) => {
      clearTimeout(timer)
      resolve({ text: new TextDecoder().decode(msg), from: { address: rinfo.address, family: rinfo.family, size: rinfo.size, port: rinfo.port } })
    })
  })
}

function closed (socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()))
}

export async function observeDgram (dgram: Dgram): Promise<Observations> {
  const o = new Observer()
  const thrown = (label: string, fn: () => unknown): void => {
    try { fn(); o.results[label] = 'no error' } catch (error) { o.results[label] = socketError(error) }
  }

  thrown('bad socket type', () => dgram.createSocket('udp5' as 'udp4'))
  const a = dgram.createSocket('udp4')
  const b = dgram.createSocket({ type: 'udp4' })
  thrown('address before bind', () => a.address())
  // Not observed: bind() with a port out of range, which Node reports late, from inside its address lookup.
  const aPort = await bound(a)
  const bPort = await bound(b)
  o.see('address after bind', () => { const { address, family, port } = a.address(); return { address, family, portMatches: port === aPort && port > 0 } })
  thrown('bind twice', () => a.bind(0))
  thrown('remoteAddress unconnected', () => a.remoteAddress())

  await o.seeAsync('send and receive', async () => {
    const received = nextMessage(b)
    a.send('hello', bPort, '127.0.0.1')
    const { text, from } = await received
    return { text, ...from, port: from.port === aPort }
  })
  await o.seeAsync('send callback reports bytes', async () => {
    const received = nextMessage(b)
    const bytes = await new Promise((resolve, reject) => a.send(Uint8Array.from([104, 105]), bPort, '127.0.0.1', (error, n) => error ? reject(error) : resolve(n)))
    return [bytes, (await received).text]
  })
  await o.seeAsync('send a list of buffers', async () => {
    const received = nextMessage(b)
    a.send([Uint8Array.from([97]), 'bc'] as unknown as Uint8Array, bPort, '127.0.0.1')
    return (await received).text
  })
  await o.seeAsync('send with offset and length', async () => {
    const received = nextMessage(b)
    a.send(new TextEncoder().encode('0123456789'), 2, 3, bPort, '127.0.0.1')
    return (await received).text
  })
  await o.seeAsync('send from an unbound socket binds it', async () => {
    const c = dgram.createSocket('udp4')
    const received = nextMessage(b)
    c.send('implicit', bPort, '127.0.0.1')
    const { text, from } = await received
    const port = c.address().port
    await closed(c)
    return [text, from.port === port]
  })
  thrown('send to port 0', () => a.send('x', 0, '127.0.0.1'))
  thrown('send a number', () => a.send(42 as unknown as string, bPort, '127.0.0.1'))

  await o.seeAsync('connect, remoteAddress and send without a port', async () => {
    const c = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => c.connect(bPort, '127.0.0.1', () => resolve()))
    const remote = c.remoteAddress()
    let connectedError: unknown = 'no error'
    try { c.send('x', bPort, '127.0.0.1') } catch (error) { connectedError = socketError(error) }
    let twice: unknown = 'no error'
    try { c.connect(bPort, '127.0.0.1') } catch (error) { twice = socketError(error) }
    // Node sends even when given a port while connected (the port lands in the callback slot and is
    // ignored), so the first datagram is 'x'.
    const received = nextMessage(b)
    const { text } = await received
    c.send('connected')
    const second = (await nextMessage(b)).text
    c.disconnect()
    let after: unknown = 'no error'
    try { c.remoteAddress() } catch (error) { after = socketError(error) }
    await closed(c)
    return { remote: { address: remote.address, family: remote.family, port: remote.port === bPort }, connectedError, twice, text, second, after }
  })

  await o.seeAsync('bind a port in use', async () => {
    const d = dgram.createSocket('udp4')
    try {
      await bound(d, bPort)
      return 'no error'
    } catch (error) {
      const shape = socketError(error)
      return { ...shape, port: (error as { port?: number }).port === bPort }
    } finally {
      try { d.close() } catch {}
    }
  })

  await o.seeAsync('close emits close once', async () => {
    let count = 0
    a.on('close', () => count++)
    await closed(a)
    await new Promise((resolve) => setTimeout(resolve, 50))
    return count
  })
  thrown('close twice', () => a.close())
  thrown('send after close', () => a.send('x', bPort, '127.0.0.1'))
  thrown('address after close', () => a.address())
  await closed(b)
  await observeMulticast(dgram, o, thrown)
  return o.results
}

// A group from the administratively scoped range; the receiving port is ephemeral, so runs cannot collide.
const GROUP = '239.255.42.99'

/** No datagram within `ms` (after leaving a group): 'none', else what arrived. */
function silence (socket: Socket, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (msg: Uint8Array): void => { clearTimeout(timer); resolve(new TextDecoder().decode(msg)) }
    const timer = setTimeout(() => { socket.off('message', onMessage); resolve('none') }, ms)
    socket.once('message', onMessage)
  })
}

// Multicast, broadcast and TTL options on real sockets, and a group joined and left on the loopback interface.
async function observeMulticast (dgram: Dgram, o: Observer, thrown: (label: string, fn: () => unknown) => void): Promise<void> {
  const unbound = dgram.createSocket('udp4')
  thrown('setMulticastTTL before bind', () => unbound.setMulticastTTL(2))
  thrown('setMulticastLoopback before bind', () => unbound.setMulticastLoopback(true))
  thrown('setMulticastInterface before bind', () => unbound.setMulticastInterface('127.0.0.1'))
  unbound.close()

  const receiver = dgram.createSocket({ type: 'udp4', reuseAddr: true })
  const sender = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => receiver.bind(0, '0.0.0.0', () => resolve()))
  const port = receiver.address().port
  await bound(sender)
  o.see('option return values', () => [sender.setMulticastTTL(1), sender.setMulticastLoopback(true), sender.setMulticastInterface('127.0.0.1'), sender.setBroadcast(true), sender.setTTL(64)])
  o.see('setMulticastLoopback returns its argument', () => sender.setMulticastLoopback(1 as unknown as boolean))
  thrown('setMulticastTTL 256', () => sender.setMulticastTTL(256))
  thrown('setMulticastTTL -1', () => sender.setMulticastTTL(-1))
  thrown('setMulticastTTL a string', () => sender.setMulticastTTL('3' as unknown as number))
  thrown('setTTL 0', () => sender.setTTL(0))
  thrown('setTTL a string', () => sender.setTTL('x' as unknown as number))
  thrown('setMulticastInterface not an address', () => sender.setMulticastInterface('nope'))
  thrown('setMulticastInterface a number', () => sender.setMulticastInterface(1 as unknown as string))
  thrown('setMulticastInterface an address no interface has', () => sender.setMulticastInterface('192.0.2.1'))
  thrown('addMembership without a group', () => (receiver.addMembership as () => void)())
  thrown('addMembership a unicast address', () => receiver.addMembership('127.0.0.1'))
  thrown('addMembership not an address', () => receiver.addMembership('hello'))
  thrown('addMembership an IPv6 group on IPv4', () => receiver.addMembership('ff02::1'))
  thrown('addMembership on an interface address that is not one', () => receiver.addMembership(GROUP, 'nope'))
  thrown('dropMembership of a group not joined', () => receiver.dropMembership('239.255.42.98', '127.0.0.1'))
  thrown('addMembership', () => receiver.addMembership(GROUP, '127.0.0.1'))
  thrown('addMembership twice', () => receiver.addMembership(GROUP, '127.0.0.1'))

  await o.seeAsync('a datagram to the group arrives', async () => {
    const received = nextMessage(receiver)
    sender.send('to the group', port, GROUP)
    const { text, from } = await received
    return { text, address: from.address, family: from.family, port: from.port === sender.address().port }
  })
  thrown('dropMembership', () => receiver.dropMembership(GROUP, '127.0.0.1'))
  await o.seeAsync('after dropMembership nothing arrives', async () => {
    const quiet = silence(receiver, 400)
    sender.send('after leaving', port, GROUP)
    return await quiet
  })
  thrown('dropMembership twice', () => receiver.dropMembership(GROUP, '127.0.0.1'))
  await closed(receiver)
  await closed(sender)
  thrown('addMembership after close', () => receiver.addMembership(GROUP))
  thrown('setMulticastInterface after close', () => receiver.setMulticastInterface('127.0.0.1'))
}
