// socket:network (the original's API) over real UDP on 127.0.0.1: two networks meet through introducers, hear
// each other's named events in a subcluster, and talk to each other alone through per-peer emitters. Once from
// the source module, once from the bundle the runtime ships (build/runtime/socket/network.js).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildRuntime } from '../../scripts/build-runtime.ts'
import { startNetwork, waitFor } from './helpers.ts'
import { cryptoRandom, nodeSignatures, nodeTransport, systemClock } from '../../runtime-js/peer/node-transport.ts'
import * as source from '../../runtime-js/modules/network.ts'
import type { Endpoint } from '../../runtime-js/peer/transport.ts'

type Module = typeof source

async function exchange (mod: Module, bootstrap: Endpoint[]): Promise<void> {
  const seams = { transport: nodeTransport(), clock: systemClock(), random: cryptoRandom(), signatures: nodeSignatures() }
  const common = { clusterId: await mod.Encryption.createClusterId('test-cluster'), bootstrap, address: '127.0.0.1', config: { keepaliveMs: 1000 } }
  const alice = await mod.network({ ...common, ...seams, signingKeys: await mod.Encryption.createKeyPair() })
  const bob = await mod.network({ ...common, ...seams, transport: nodeTransport(), signingKeys: await mod.Encryption.createKeyPair() })
  try {
    const ready = new Map<string, source.NetworkInfo>()
    alice.on('#ready', (info) => ready.set('alice', info))
    bob.on('#ready', (info) => ready.set('bob', info))
    const sharedKey = await mod.Encryption.createSharedKey('cats')
    const [a, b] = await Promise.all([alice.subcluster({ sharedKey }), bob.subcluster({ sharedKey })])
    assert.equal(a.subclusterId, b.subclusterId)

    const heard: Array<{ value: unknown, from: string }> = []
    b.on('mew', (value, packet) => heard.push({ value, from: packet.peerId }))
    const direct: unknown[] = []
    let bobSeesAlice: source.RemotePeer | undefined
    b.on('#join', (peer: source.RemotePeer) => { if (peer.peerId === alice.peerId) bobSeesAlice = peer })
    a.on('#join', (peer: source.RemotePeer) => { if (peer.peerId === bob.peerId) peer.on('purr', (v) => direct.push(v)) })

    await waitFor('both ready with an address', () => ready.size === 2, 15_000)
    assert.equal(ready.get('alice')?.peerId, alice.peerId)
    assert.equal(typeof ready.get('alice')?.port, 'number')
    await waitFor('bob to see alice join', () => bobSeesAlice !== undefined && a.peers.has(bob.peerId), 20_000)

    for (let i = 0; i < 20 && heard.length === 0; i++) {
      await a.emit('mew', { food: true, n: i })
      await new Promise(resolve => setTimeout(resolve, 500))
    }
    assert.ok(heard.length >= 1, 'bob heard the named event')
    assert.deepEqual(Object.keys(heard[0].value as object), ['food', 'n'])
    assert.equal(heard[0].from, alice.peerId)
    // A different name reaches only its own listeners.
    let other = 0
    b.on('woof', () => other++)
    await (bobSeesAlice as source.RemotePeer).emit('purr', new Uint8Array([1, 2, 3]))
    await waitFor('alice to hear bob alone', () => direct.length === 1, 10_000)
    assert.deepEqual(direct[0], new Uint8Array([1, 2, 3]))
    assert.equal(other, 0)
    await assert.rejects(() => alice.emit('x', 1), TypeError) // no top-cluster sharedKey was given
    await assert.rejects(() => alice.subcluster({} as never), TypeError)
  } finally {
    await alice.close(); await bob.close()
  }
}

test('two networks exchange named events in a subcluster and alone (socket:network, source)', async (t) => {
  const introducers = await startNetwork(0)
  t.after(() => { for (const p of introducers) p.close() })
  await exchange(source, introducers.map(p => ({ address: '127.0.0.1', port: (p.local as Endpoint).port })))
})

test('the same through the bundled socket:network the runtime ships', async (t) => {
  // The runtime's own build, into a scratch directory (build/runtime may be in use by window tests).
  const outDir = mkdtempSync(join(tmpdir(), 'runtime-network-'))
  t.after(() => rmSync(outDir, { recursive: true, force: true }))
  await buildRuntime({ outDir, types: false })
  const bundle = join(outDir, 'network.js')
  assert.ok(existsSync(bundle), 'build-runtime bundles runtime-js/modules/network.ts')
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'))
  assert.ok(manifest.modules.network.exports.includes('network') && manifest.modules.latica.default, 'socket:network and socket:latica are in the manifest')
  const bundled = await import(pathToFileURL(bundle).href) as Module
  const introducers = await startNetwork(0)
  t.after(() => { for (const p of introducers) p.close() })
  await exchange(bundled, introducers.map(p => ({ address: '127.0.0.1', port: (p.local as Endpoint).port })))
})
