// The runtime's types in a TypeScript app as a user has it: `ssc init --template=typescript`, the packed
// socket-runtime-ts and typescript in node_modules, and nothing else: no @types/node, skipLibCheck off, strict.
// tsc checks the runtime's declarations in full, and the precise signatures (readFile(p, 'utf8') is a string,
// stat(p) has number sizes, the default export as precise as the named ones) hold both ways.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { REPO, sscInProcess, tempDir } from './helpers.ts'

const skip = existsSync(join(REPO, 'build', 'native', 'socket-host')) && existsSync(join(REPO, 'build', 'runtime', 'socket')) ? false : 'needs the host and runtime'
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')

const USES = `import { readFile, readdir, stat, mkdir } from 'socket:fs/promises'
import fs from 'socket:fs/promises'
import { readFileSync, readdirSync, statSync } from 'socket:fs'
import { Buffer } from 'socket:buffer'
import path from 'socket:path'
import { EventEmitter, once } from 'socket:events'
import { Readable, Transform } from 'socket:stream'
import { inspect, format } from 'socket:util'
import { parse } from 'socket:querystring'
import { StringDecoder } from 'socket:string_decoder'

const text: string = await readFile('index.html', 'utf8')
const textByOptions: string = await fs.readFile('index.html', { encoding: 'utf8' })
const bytes: Buffer = await readFile('index.html')
const names: string[] = await readdir('.')
const size: number = (await stat('.')).size
const bigSize: bigint = (await stat('.', { bigint: true })).size
const created: string | undefined = await mkdir('a/b', { recursive: true })
const sync: string = readFileSync('index.html', 'utf8')
const entries: string[] = readdirSync('.', { withFileTypes: true }).map((entry) => entry.name)
const mtime: Date = statSync('.').mtime
const joined: string = path.join('a', 'b')
const emitter = new EventEmitter()
emitter.on('tick', (n: number) => console.log(n))
const [first]: any[] = await once(emitter, 'tick')
const upper = new Transform({ transform (chunk, _encoding, done) { done(null, String(chunk).toUpperCase()) } })
for await (const chunk of Readable.from(['a']).pipe(upper)) console.log(chunk)
const query: string | string[] | undefined = parse('a=1').a
const decoded: string = new StringDecoder('utf8').write(Buffer.from('hi'))
console.log(text, textByOptions, bytes.length, names, size, bigSize, created, sync, entries, mtime, joined, first,
  inspect({ a: 1 }), format('%s', 1), query, decoded)
`

const MISUSES = `import { readFile, stat } from 'socket:fs/promises'
import fs from 'socket:fs/promises'
const n: number = await readFile('index.html', 'utf8')
const s: string = await fs.readFile('index.html')
const size: bigint = (await stat('.')).size
console.log(n, s, size)
`

test('a TypeScript app without @types/node type-checks the runtime declarations with skipLibCheck off', { skip, timeout: 300_000 }, async () => {
  const { pack } = await import('../../cli/pack.ts')
  const tarball = await pack(join(tempDir(), 'npm'))
  const staged = join(dirname(tarball), 'socket-runtime-ts')
  const app = join(tempDir(), 'typed')
  assert.equal((await sscInProcess(['init', '-q', '--template=typescript', '--no-install', app])).status, 0)
  const tsconfig = JSON.parse(readFileSync(join(app, 'tsconfig.json'), 'utf8'))
  assert.equal(tsconfig.compilerOptions.strict, true)
  assert.notEqual(tsconfig.compilerOptions.skipLibCheck, true, 'the template does not skip the libraries\' checks')
  // Only what the template's package.json needs for types: typescript and the package (no @types at all).
  mkdirSync(join(app, 'node_modules'))
  symlinkSync(join(REPO, 'node_modules', 'typescript'), join(app, 'node_modules', 'typescript'))
  symlinkSync(staged, join(app, 'node_modules', 'socket-runtime-ts'))
  const tsc = (): { status: number | null, out: string } => {
    const run = spawnSync(process.execPath, [TSC, '--noEmit', '-p', app], { cwd: app, encoding: 'utf8', timeout: 120_000 })
    return { status: run.status, out: run.stdout + run.stderr }
  }

  writeFileSync(join(app, 'src', 'index.ts'), USES)
  const clean = tsc()
  assert.equal(clean.status, 0, clean.out)

  writeFileSync(join(app, 'src', 'index.ts'), MISUSES)
  const wrong = tsc()
  assert.notEqual(wrong.status, 0, wrong.out)
  assert.match(wrong.out, /src\/index\.ts\(3,7\): error TS2322: Type 'string' is not assignable to type 'number'/)
  assert.match(wrong.out, /src\/index\.ts\(4,7\): error TS2322: Type 'Buffer' is not assignable to type 'string'/)
  assert.match(wrong.out, /src\/index\.ts\(5,7\): error TS2322: Type 'number' is not assignable to type 'bigint'/)
  assert.doesNotMatch(wrong.out, /node_modules/, 'no error inside the runtime\'s declarations')

  // With @types/node added (an app that also has Node code), the two sets of declarations do not clash.
  writeFileSync(join(app, 'src', 'index.ts'), USES)
  mkdirSync(join(app, 'node_modules', '@types'))
  symlinkSync(join(REPO, 'node_modules', '@types', 'node'), join(app, 'node_modules', '@types', 'node'))
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, types: [...tsconfig.compilerOptions.types, 'node'] } }))
  const both = tsc()
  assert.equal(both.status, 0, both.out)
})
