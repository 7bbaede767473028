// Where the generator's own files (templates, support code) are. Run from source, that is this file's folder;
// run as the bundle scripts/gen.mjs builds, the bundle is elsewhere, so the build defines __GENERATOR_DIR__.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

declare const __GENERATOR_DIR__: string | undefined

export const GENERATOR_DIR = typeof __GENERATOR_DIR__ === 'string' ? __GENERATOR_DIR__ : dirname(fileURLToPath(import.meta.url))

/** A path inside generator/, e.g. generatorPath('backends/cpp/templates'). */
export function generatorPath (relative: string): string {
  return join(GENERATOR_DIR, relative)
}
