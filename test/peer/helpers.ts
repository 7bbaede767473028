// Test helpers: real peers on real UDP sockets (127.0.0.1), with the Node adapters.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { Peer, type PeerConfig } from '../../runtime-js/peer/peer.ts'
import { cryptoRandom, nodeSignatures, nodeTransport, systemClock } from '../../runtime-js/peer/node-transport.ts'
import type { Endpoint, Transport } from '../../runtime-js/peer/transport.ts'

export async function waitFor (what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

export const fastConfig: Partial<PeerConfig> = { keepaliveMs: 1000 }

/** OpenSSL's Ed25519 (the same signatures as the default): tens of peers share one process and its CPU here. */
const signatures = nodeSignatures()

export async function startPeer (bootstrap: Endpoint[], config: Partial<PeerConfig> = {}, transport: Transport = nodeTransport()): Promise<Peer> {
  const peer = new Peer({ transport, clock: systemClock(), random: cryptoRandom(), signatures, address: '127.0.0.1', bootstrap, config: { ...fastConfig, ...config } })
  await peer.start()
  return peer
}

/** Two introducers that know each other, then `n` more peers that know the introducers. */
export async function startNetwork (n: number, config: Partial<PeerConfig> = {}): Promise<Peer[]> {
  const a = await startPeer([], config)
  const b = await startPeer([a.local as Endpoint], config)
  a.addPeer(b.local as Endpoint)
  const boot = [a.local as Endpoint, b.local as Endpoint]
  const rest = await Promise.all(Array.from({ length: n }, () => startPeer(boot, config)))
  return [a, b, ...rest]
}

export const localEndpoint = (p: Peer): Endpoint => ({ address: '127.0.0.1', port: (p.local as Endpoint).port })

/** Real sockets whose incoming datagrams pass through `drop` first (to lose chosen packets on purpose). */
export function filteringTransport (drop: (data: Uint8Array) => boolean): Transport {
  const inner = nodeTransport()
  return {
    createSocket () {
      const s = inner.createSocket()
      return { ...s, onMessage: (fn) => s.onMessage((d, from) => { if (!drop(d)) fn(d, from) }) }
    }
  }
}

/** Bundles a fixture program once per test process (esbuild), so child processes start as plain Node: much
 * faster and lighter than going through tsx in every child. Returns the bundle's path. */
const bundles = new Map<string, string>()
export function bundleFixture (name: string): string {
  const hit = bundles.get(name)
  if (hit) return hit
  const dir = mkdtempSync(join(tmpdir(), 'srp-peer-fixture-'))
  const outfile = join(dir, name.replace(/\.ts$/, '.mjs'))
  buildSync({ entryPoints: [join('test/peer/fixtures', name)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' })
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  bundles.set(name, outfile)
  return outfile
}
