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
  env?: NodeJS.ProcessEnv
}

export function buildBare (work: string): Peer {
  const source = process.env.BARE_HOST_DIR ?? join(repo, '..', 'shared', 'baseline')
  cpSync(source, join(work, 'baseline'), { recursive: true })
  const build = spawnSync('sh', [join(work, 'baseline', 'build.sh')], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('bare-host failed to build')
  return { name: 'bare-host', binary: join(work, 'baseline', 'bare-host'), page: join(work, 'baseline', 'page') }
}

const cargoTarget = join(repo, 'build', 'bench', 'wry-target')
export const wryManifest = join(repo, 'bench', 'peers', 'wry', 'Cargo.toml')
export const wryBinary = join(cargoTarget, 'release', 'wry-peer')
export const tauriManifest = join(repo, 'bench', 'peers', 'tauri', 'Cargo.toml')
export const tauriBinary = join(cargoTarget, 'release', 'tauri-peer')

// Builds a peer with cargo (crates.io only; wry's versions are pinned by its Cargo.lock). Returns undefined, with
// the reason, where cargo is missing or the build fails, so the rest of the benchmark still runs. The two peers
// share one target directory, so Tauri reuses the wry and tao it is built on.
function buildCargoPeer (name: string, manifest: string, binary: string, page: string, options: { build: boolean, locked: boolean }): { peer?: Peer, why?: string } {
  if (options.build) {
    const cargo = spawnSync('cargo', ['--version'])
    if (cargo.status !== 0) return { why: 'cargo is not installed' }
    console.log(`bench: building ${name} (cargo build --release; the first build takes minutes)`)
    const build = spawnSync('cargo', ['build', '--release', ...(options.locked ? ['--locked'] : []), '--manifest-path', manifest],
      { stdio: 'inherit', env: { ...process.env, CARGO_TARGET_DIR: cargoTarget } })
    if (build.status !== 0) return { why: `cargo build of ${manifest.replace(repo + '/', '')} failed` }
  }
  if (!existsSync(binary)) return { why: `${name} is not built (npm run bench builds it)` }
  return { peer: { name, binary, page } }
}

export function buildWry (page: string, options: { build: boolean }): { peer?: Peer, why?: string } {
  return buildCargoPeer('wry', wryManifest, wryBinary, page, { ...options, locked: true })
}

// The Tauri v2 peer (bench/peers/tauri) is built only with BENCH_TAURI=1: its first build compiles about 400
// crates (see docs/benchmarks.md for how long that took here).
export function buildTauri (page: string, options: { build: boolean }): { peer?: Peer, why?: string } {
  if (process.env.BENCH_TAURI !== '1' && !existsSync(tauriBinary)) return { why: 'not built in this run (BENCH_TAURI=1 builds bench/peers/tauri)' }
  return buildCargoPeer('tauri', tauriManifest, tauriBinary, page, { build: options.build && process.env.BENCH_TAURI === '1', locked: false })
}
