// A page exchanges UDP datagrams with a Node process on 127.0.0.1 through the host's udp service: datagrams
// arrive as events in the page, replies go back through udp.send, and many sockets live in one window.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createSocket } from 'node:dgram'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { makeApp, reports, runHost, runtimeDir, testPage } from './helpers.ts'

const hasRuntime = existsSync(join(runtimeDir, 'dgram.js'))
const COUNT = 200

test('a page exchanges UDP datagrams with Node over socket:dgram', { skip: !hasRuntime && 'build/runtime/socket is not built' }, async () => {
  const node = createSocket('udp4')
  await new Promise<void>((resolve) => node.bind(0, '127.0.0.1', resolve))
  const nodePort = node.address().port
  const echoes: string[] = []
  node.on('message', (message) => echoes.push(message.toString()))
  const app = makeApp({
    'main.js': testPage(`
      const { createSocket } = await import('socket:dgram')
      const socket = createSocket('udp4')
      await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve))
      let received = 0
      const done = new Promise((resolve) => socket.on('message', (message, rinfo) => {
        received++
        socket.send(new TextEncoder().encode('echo:' + new TextDecoder().decode(message)), rinfo.port, rinfo.address)
        if (received === ${COUNT}) resolve()
      }))
      // Several sockets at once in one window, each with its own address.
      const extra = await Promise.all([0, 1, 2].map(() => new Promise((resolve) => { const s = createSocket('udp4'); s.bind(0, '127.0.0.1', () => resolve(s)) })))
      report('ports', extra.map((s) => s.address().port))
      socket.send(new TextEncoder().encode('hello from the page'), ${nodePort}, '127.0.0.1')
      console.log('UDP_PORT ' + socket.address().port)
      await done
      report('received', received)
      await new Promise((resolve) => setTimeout(resolve, 300))
      for (const s of [socket, ...extra]) s.close()
    `)
  })
  try {
    const run = await runHost(app.dir, {
      args: ['--test=main.js'],
      onLine: (line) => {
        if (!line.startsWith('UDP_PORT ')) return
        const port = Number(line.slice(9))
        // Paced in small bursts: loopback UDP drops what a busy receiver's buffer cannot hold.
        let next = 0
        const burst = (): void => {
          for (let k = 0; k < 10 && next < COUNT; k++, next++) node.send(`datagram ${next}`, port, '127.0.0.1')
          if (next < COUNT) setTimeout(burst, 5)
        }
        burst()
      }
    })
    assert.equal(run.code, 0, run.stderr)
    const r = reports(run) as Record<string, any>
    assert.equal(r.received, COUNT)
    assert.equal(new Set(r.ports).size, 3)
    assert.ok(echoes.includes('hello from the page'))
    const replies = echoes.filter((e) => e.startsWith('echo:'))
    assert.equal(replies.length, COUNT, `got ${replies.length} echoes`)
    assert.ok(replies.includes('echo:datagram 0') && replies.includes(`echo:datagram ${COUNT - 1}`))
  } finally {
    node.close()
    app.remove()
  }
})
