// The versions the generated Gradle project pins, read from native/android/pom.xml (the one place they are set),
// so the project a user builds with the SDK uses what was compiled and tested here.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MissingPartError } from '../build-steps/assemble.ts'
import { REPO_ROOT } from '../repo.ts'

export const HOST_POM = join(REPO_ROOT, 'native', 'android', 'pom.xml')

export interface HostVersions {
  kotlin: string
  coroutines: string
  /** The API level of the android-all jar the host compiles against (android-all 14 = API 34). */
  compileSdk: number
}

/** Android release → API level, for the android-all versions Robolectric publishes. */
const API_LEVEL: Record<string, number> = { 10: 29, 11: 30, 12: 31, '12.1': 32, 13: 33, 14: 34, 15: 35 }

function property (pom: string, name: string): string {
  const match = new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</`).exec(pom)
  if (match === null) throw new MissingPartError(`${HOST_POM} has no <${name}> property`)
  return match[1].trim()
}

export function hostVersions (): HostVersions {
  const pom = readFileSync(HOST_POM, 'utf8')
  const release = property(pom, 'android.all.version').split('-')[0]
  const compileSdk = API_LEVEL[release]
  if (compileSdk === undefined) throw new MissingPartError(`${HOST_POM}: no API level known for android-all ${release}`)
  return { kotlin: property(pom, 'kotlin.version'), coroutines: property(pom, 'coroutines.version'), compileSdk }
}
