// Generates a fixture IDL folder into build/test-generator/<name>/ with the same layout as the repository, so
// the generated JS finds runtime-js/ipc through the usual relative import (a symlink stands in for it).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { generate, readIdl } from '../../generator/pipeline.ts'

export function generateFixture (idlDir: string, name: string): { root: string, files: Map<string, string> } {
  const root = join('build/test-generator', name)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  symlinkSync(resolve('runtime-js'), join(root, 'runtime-js'))
  const { outputs } = generate(readIdl(idlDir))
  for (const [path, content] of outputs) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return { root, files: outputs }
}
