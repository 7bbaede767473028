// The original's well-known directories (path.DOWNLOADS, path.HOME, ...), from the host's `os.paths` once
// at load, as the original read them. Null where the host has none, and outside a runtime window.
import { inRuntime } from '../args.ts'
import { osSync } from '../os-sync.ts'

function load (): Record<string, string> {
  if (!inRuntime()) return {}
  try {
    return osSync('paths', { cache: true })
  } catch {
    return {}
  }
}

const paths = load()
const pick = (key: string): string | null => paths[key] ?? null

export const DOWNLOADS = pick('downloads')
export const DOCUMENTS = pick('documents')
export const RESOURCES = pick('resources')
export const PICTURES = pick('pictures')
export const DESKTOP = pick('desktop')
export const VIDEOS = pick('videos')
export const CONFIG = pick('config')
export const CACHE = pick('cache')
export const MEDIA = pick('media')
export const MUSIC = pick('music')
export const HOME = pick('home')
export const DATA = pick('data')
export const LOG = pick('log')
export const TMP = pick('tmp')
