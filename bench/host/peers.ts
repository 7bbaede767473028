// The hosts the benchmark compares ours with, each built in this run from sources on this machine:
// - bare-host: ../shared/baseline, the smallest WebKitGTK host (the floor).
// - wry-peer: bench/peers/wry, a minimal app on wry + tao (Tauri v2's webview and windowing layers) from
//   crates.io, answering the same URIs through a wry custom protocol.
// Both load the baseline's page, so the page is identical; only the host differs.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { repo } from '../../test/host/helpers.ts'

export interface Peer {
  name: string
  binary: string
  page: string
}

export function buildBare (work: string): Peer {
  const source = process.env.BARE_HOST_DIR ?? join(repo, '..', 'shared', 'baseline')
  cpSync(source, join(work, 'baseline'), { recursive: true })
  const build = spawnSync('sh', [join(work, 'baseline', 'build.sh')], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('bare-host failed to build')
  return { name: 'bare-host', binary: join(work, 'baseline', 'bare-host'), page: join(work, 'baseline', 'page') }
}

export const wryManifest = join(repo, 'bench', 'peers', 'wry', 'Cargo.toml')
export const wryBinary = join(repo, 'build', 'bench', 'wry-target', 'release', 'wry-peer')

// Builds wry-peer with cargo (crates.io only, the versions pinned by Cargo.lock). Returns undefined, with the
// reason, where cargo is missing or the build fails, so the rest of the benchmark still runs.
export function buildWry (page: string, options: { build: boolean }): { peer?: Peer, why?: string } {
  if (options.build) {
    const cargo = spawnSync('cargo', ['--version'])
    if (cargo.status !== 0) return { why: 'cargo is not installed' }
    console.log('bench: building wry-peer (cargo build --release; the first build takes minutes)')
    const build = spawnSync('cargo', ['build', '--release', '--locked', '--manifest-path', wryManifest],
      { stdio: 'inherit', env: { ...process.env, CARGO_TARGET_DIR: join(repo, 'build', 'bench', 'wry-target') } })
    if (build.status !== 0) return { why: 'cargo build of bench/peers/wry failed' }
  }
  if (!existsSync(wryBinary)) return { why: 'wry-peer is not built (npm run bench builds it)' }
  return { peer: { name: 'wry', binary: wryBinary, page } }
}
