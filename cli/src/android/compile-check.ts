// Compiles the generated project's Kotlin (host + bridge) against the Android framework jar with the pinned
// compiler that native/android/pom.xml uses, offline, so `ssc build --platform=android` fails here on code that
// would not build on a device. No dexing or APK: that needs the Android SDK.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CliError } from '../errors.ts'
import { REPO_ROOT } from '../repo.ts'

export type CompileResult = { compiled: true, classes: number, output: string } | { compiled: false, why: string }

function has (tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
}

function countClasses (dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.class')).length
}

/** `sources` and `generated` are the project's Kotlin folders; classes go to `output/classes`. */
export function compileAgainstAndroid (sources: string, generated: string, output: string): CompileResult {
  const pom = join(REPO_ROOT, 'native', 'android', 'pom.xml')
  if (!existsSync(pom)) return { compiled: false, why: `${pom} is not part of this installation` }
  const missing = ['java', 'mvn'].filter((tool) => !has(tool))
  if (missing.length > 0) return { compiled: false, why: `${missing.join(' and ')} not installed` }
  const result = spawnSync('mvn', ['-B', '-o', '-q', '-T1', '-f', pom, 'compile',
    `-Dhost.sources=${sources}`, `-Dhost.generated=${generated}`, `-Dhost.build.dir=${output}`], { encoding: 'utf8' })
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0) {
    if (/offline mode|Cannot access .* in offline|could not be resolved/i.test(log)) {
      return { compiled: false, why: 'the Maven artifacts are not resolved (run scripts/setup-android.sh once)' }
    }
    const errors = log.split('\n').filter((line) => /^\[?ERROR|^e: /.test(line)).slice(0, 20).join('\n')
    throw new CliError(`the Android host's Kotlin does not compile against the Android framework:\n${errors || log.slice(-2000)}`)
  }
  return { compiled: true, classes: countClasses(join(output, 'classes')), output: join(output, 'classes') }
}
