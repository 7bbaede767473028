// Compiles C++ for the generator tests: each source to an object (two at a time, the machine has two cores),
// cached under build/test-generator/obj by a hash of the source, its flags and every header it can include,
// then one link. A clean checkout (CI) compiles everything once.
import { createHash } from 'node:crypto'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'

export const CXXFLAGS = ['-std=c++20', '-Wall', '-Wextra', '-Werror', '-O0']
const OBJ_DIR = 'build/test-generator/obj'

function run (command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => { stderr += chunk })
    child.on('error', reject)
    child.on('close', (code) => code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed:\n${stderr}`)))
  })
}

function headersIn (dirs: string[]): string {
  const hash = createHash('sha256')
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.hh')) hash.update(name).update(readFileSync(join(dir, name)))
    }
  }
  return hash.digest('hex')
}

// `checkOnly` sources are compiled with -fsyntax-only (every warning still an error) and not linked: the
// capabilities the self-test does not run only need to compile, and skipping code generation halves the time.
export async function compileAndLink (sources: string[], includes: string[], output: string, checkOnly: string[] = []): Promise<void> {
  mkdirSync(OBJ_DIR, { recursive: true })
  const headerHash = headersIn([...includes, ...includes.map((dir) => join(dir, 'ipc'))])
  const flags = [...CXXFLAGS, ...includes.map((dir) => `-I${dir}`)]
  const objects = sources.map((source) => {
    const key = createHash('sha256').update(readFileSync(source)).update(flags.join(' ')).update(headerHash).digest('hex').slice(0, 16)
    return { source, object: join(OBJ_DIR, `${basename(source)}.${key}.o`) }
  })
  const checks = checkOnly.map((source) => {
    const key = createHash('sha256').update(readFileSync(source)).update(flags.join(' ')).update(headerHash).digest('hex').slice(0, 16)
    return { source, object: join(OBJ_DIR, `${basename(source)}.${key}.checked`) }
  })
  const pending = [...objects, ...checks].filter(({ object }) => !existsSync(object))
  const workers = Array.from({ length: 2 }, async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      if (next.object.endsWith('.checked')) {
        await run('g++', [...flags, '-fsyntax-only', next.source])
        writeFileSync(next.object, '')
      } else {
        // Test files run in parallel and share objects: write aside, then rename, so nobody links half a file.
        const partial = `${next.object}.${process.pid}.tmp`
        await run('g++', [...flags, '-c', next.source, '-o', partial])
        renameSync(partial, next.object)
      }
    }
  })
  await Promise.all(workers)
  await run('g++', ['-o', output, ...objects.map(({ object }) => object)])
}
