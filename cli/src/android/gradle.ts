// The Gradle build of the generated Android project (Android Gradle Plugin + Kotlin), for a user with the SDK.
import { configValue, type AppConfig } from '../config/load.ts'
import { ConfigError } from '../errors.ts'
import { join } from 'node:path'
import { hostVersions } from './versions.ts'

/** The Android Gradle Plugin release the project asks for (needs Gradle 8.9+ and JDK 17). */
export const AGP_VERSION = '8.7.3'
/** The oldest Android the host runs on: its fs service uses java.nio.file, which Android has from API 26 on. */
export const MIN_SDK = 26

/** A Java package name of two or more parts: what Android needs of an applicationId and namespace. */
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/
const JAVA_KEYWORDS = new Set(('abstract assert boolean break byte case catch char class const continue default do double else enum ' +
  'extends final finally float for goto if implements import instanceof int interface long native new package private protected ' +
  'public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null').split(' '))

/**
 * The application id is the bundle id as written: renaming it silently would give the Android app another
 * identity than the other platforms', so one a Java package name refuses is a config error at its line.
 */
export function applicationId (config: AppConfig): string {
  const id = configValue(config, 'meta_bundle_identifier')
  if (PACKAGE_NAME.test(id) && !id.split('.').some((part) => JAVA_KEYWORDS.has(part))) return id
  const entry = config.entries.get('meta_bundle_identifier')
  const suggestion = id.split('.').map((part) => part.replace(/[^A-Za-z0-9_]/g, '_')).join('.')
  throw new ConfigError(entry?.file ?? join(config.dir, 'socket.ini'), entry?.line ?? 0, 'meta_bundle_identifier',
    `"${id}" cannot be an Android applicationId: it needs two or more dot-separated parts of letters, digits and "_", ` +
    `each starting with a letter and none a Java keyword (e.g. "${suggestion}")`)
}

/** versionCode from meta_version: major·10000 + minor·100 + patch (1.2.3 → 10203); Android needs an increasing integer. */
export function versionCode (version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map((n) => Number.parseInt(n, 10) || 0)
  return Math.max(1, major * 10000 + minor * 100 + patch)
}

/** `[android] aapt_no_compress` as Gradle wants it: extensions without their dot. */
export function noCompressExtensions (config: AppConfig): string[] {
  return configValue(config, 'android_aapt_no_compress').split(/[\s,]+/).filter((e) => e !== '').map((e) => e.replace(/^\./, ''))
}

export function settingsGradle (name: string): string {
  return `// Written by ssc build --platform=android.
pluginManagement {
  repositories { google(); mavenCentral(); gradlePluginPortal() }
}
dependencyResolutionManagement {
  repositories { google(); mavenCentral() }
}
rootProject.name = ${JSON.stringify(name)}
include(":app")
`
}

export function rootBuildGradle (): string {
  return `plugins {
  id("com.android.application") version "${AGP_VERSION}" apply false
  id("org.jetbrains.kotlin.android") version "${hostVersions().kotlin}" apply false
}
`
}

export function gradleProperties (): string {
  return 'org.gradle.jvmargs=-Xmx2g\nandroid.nonTransitiveRClass=true\n'
}

export function appBuildGradle (config: AppConfig): string {
  const id = applicationId(config)
  const version = configValue(config, 'meta_version', '1.0.0')
  const noCompress = noCompressExtensions(config)
  const versions = hostVersions()
  return `import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
  id("com.android.application")
  id("org.jetbrains.kotlin.android")
}

android {
  namespace = ${JSON.stringify(id)}
  compileSdk = ${versions.compileSdk}
  defaultConfig {
    applicationId = ${JSON.stringify(id)}
    minSdk = ${MIN_SDK}
    targetSdk = ${versions.compileSdk}
    versionCode = ${versionCode(version)}
    versionName = ${JSON.stringify(version)}
  }
  // The host (src/main/kotlin) and the generated IPC bridge (src/generated/kotlin).
  sourceSets { getByName("main") { java.srcDirs("src/main/kotlin", "src/generated/kotlin") } }
  compileOptions {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
  }
${noCompress.length === 0 ? '' : `  androidResources { noCompress += listOf(${noCompress.map((e) => JSON.stringify(e)).join(', ')}) }\n`}  buildTypes { getByName("release") { isMinifyEnabled = false } }
}

kotlin {
  compilerOptions {
    jvmTarget.set(JvmTarget.JVM_17)
  }
}

dependencies {
  implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:${versions.coroutines}")
}
`
}

export function projectReadme (name: string): string {
  return `# ${name} (Android)

Written by \`ssc build --platform=android\`; rebuilt on every build, so edit socket.ini and the app's files, not
this folder. No APK was produced: that needs the Android SDK's build tools (aapt2, d8), which the machine that
wrote this may not have.

With the Android SDK (ANDROID_HOME or sdk.dir in local.properties) and Gradle 8.9 or newer:

    gradle assembleDebug
    adb install -r app/build/outputs/apk/debug/app-debug.apk
    adb shell am start -n <application id>/socket.android.MainActivity

(\`gradle wrapper\` once gives a ./gradlew that pins Gradle for this project.) \`gradle assembleRelease\` builds an
unsigned release APK; sign it with apksigner before installing.

- app/src/main/AndroidManifest.xml: the permissions socket.ini asks for, the one activity
- app/src/main/assets/app/: the app's files and the runtime's socket/ modules, served as https://<bundle-id>.socket.local/
- app/src/main/assets/socket/config.json: socket.ini, flattened, with every permission decided
- app/src/main/kotlin/: the Android host; app/src/generated/kotlin/: the generated IPC bridge
`
}
