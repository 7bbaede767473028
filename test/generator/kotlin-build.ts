// Compiles Kotlin for the generator tests with the Kotlin 2.x compiler the Android host's Maven build uses
// (org.jetbrains.kotlin:kotlin-compiler, resolved into the local Maven repository by scripts/setup-android.sh),
// with -Werror so a deprecated call in generated code fails; runs the result on the JVM with kotlin-stdlib and
// kotlinx-coroutines from the same repository. Nothing is downloaded here. Outputs are cached by source hash.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'

const POM = readFileSync('native/android/pom.xml', 'utf8')
const property = (name: string): string => {
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(POM)
  if (!match) throw new Error(`native/android/pom.xml has no <${name}>`)
  return match[1]
}
export const KOTLIN_VERSION = property('kotlin.version')
const COROUTINES_VERSION = property('coroutines.version')

const REPO = process.env.MAVEN_REPO_LOCAL ?? join(homedir(), '.m2/repository')

function jar (group: string, artifact: string, version: string): string {
  return join(REPO, ...group.split('.'), artifact, version, `${artifact}-${version}.jar`)
}

// What the compiler needs to run: the compiler and the dependencies its pom lists (the versions Maven resolved
// for the kotlin-maven-plugin), plus kotlin-stdlib's own dependency.
function compilerClasspath (): string[] {
  const compiler = jar('org.jetbrains.kotlin', 'kotlin-compiler', KOTLIN_VERSION)
  const pomPath = compiler.replace(/\.jar$/, '.pom')
  if (!existsSync(pomPath)) return [compiler]
  const dependencies = [...readFileSync(pomPath, 'utf8').matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map((m) => {
    const field = (name: string): string => new RegExp(`<${name}>([^<]+)</${name}>`).exec(m[1])?.[1] ?? ''
    return jar(field('groupId'), field('artifactId'), field('version'))
  })
  return [compiler, jar('org.jetbrains.kotlin', 'kotlin-stdlib', KOTLIN_VERSION), jar('org.jetbrains', 'annotations', '13.0'), ...dependencies]
    .filter((path) => !path.includes('kotlin-stdlib-jdk'))  // empty shims for old JDKs; kotlin-stdlib has it all
}
const COMPILER = compilerClasspath()
export const RUNTIME = [
  jar('org.jetbrains.kotlin', 'kotlin-stdlib', KOTLIN_VERSION),
  jar('org.jetbrains.kotlinx', 'kotlinx-coroutines-core-jvm', COROUTINES_VERSION)
]

/** Compiles `sources` (once per content) into a class directory under build/test-generator/<name>; returns it. */
export function compileKotlin (name: string, sources: string[], marker: string): string {
  const hash = createHash('sha256').update(KOTLIN_VERSION)
  for (const file of sources) hash.update(file).update(readFileSync(file))
  const classes = join('build/test-generator', name, hash.digest('hex').slice(0, 16))
  if (existsSync(join(classes, marker))) return classes
  const missing = [...COMPILER, ...RUNTIME].filter((path) => !existsSync(path))
  if (missing.length > 0) throw new Error(`Kotlin ${KOTLIN_VERSION} is not in ${REPO} (run scripts/setup-android.sh): ${missing.join(', ')}`)
  rmSync(classes, { recursive: true, force: true })
  mkdirSync(classes, { recursive: true })
  const run = spawnSync('java', ['-Xmx700m', '-XX:TieredStopAtLevel=1', '-cp', COMPILER.join(delimiter),
    'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler', '-no-stdlib', '-no-reflect', '-Werror', '-jvm-target', '17',
    '-classpath', RUNTIME.join(delimiter), '-d', classes, ...sources], { encoding: 'utf8' })
  if (run.status !== 0) {
    rmSync(classes, { recursive: true, force: true })
    throw new Error(`kotlinc ${KOTLIN_VERSION} failed:\n${run.stderr}${run.stdout}`)
  }
  return classes
}

/** Runs `mainClass` from `classes` on the JVM with `input` on stdin. */
export function runKotlin (classes: string, mainClass: string, input: string) {
  return spawnSync('java', ['-XX:TieredStopAtLevel=1', '-cp', [classes, ...RUNTIME].join(delimiter), mainClass], { input, encoding: 'utf8' })
}
