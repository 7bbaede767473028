// The Gradle build of the generated Android project (Android Gradle Plugin + Kotlin), for a user with the SDK.
import { configValue, type AppConfig } from '../config/load.ts'

// Pinned to what native/android/pom.xml compiles and tests with here.
export const KOTLIN_VERSION = '2.1.0'
export const COROUTINES_VERSION = '1.9.0'
export const AGP_VERSION = '8.7.3'
export const COMPILE_SDK = 34
export const MIN_SDK = 24

/** An Android application id: the bundle id with what Java package names refuse replaced ('-' → '_'). */
export function applicationId (bundleId: string): string {
  return bundleId.split('.').map((part) => {
    const clean = part.replace(/[^A-Za-z0-9_]/g, '_')
    return /^[A-Za-z]/.test(clean) ? clean : `x${clean}`
  }).join('.')
}

/** versionCode from meta_version: major·10000 + minor·100 + patch (1.2.3 → 10203). */
export function versionCode (version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map((n) => Number.parseInt(n, 10) || 0)
  return Math.max(1, major * 10000 + minor * 100 + patch)
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
  id("org.jetbrains.kotlin.android") version "${KOTLIN_VERSION}" apply false
}
`
}

export function gradleProperties (): string {
  return 'org.gradle.jvmargs=-Xmx2g\nandroid.nonTransitiveRClass=true\n'
}

export function appBuildGradle (config: AppConfig): string {
  const id = applicationId(configValue(config, 'meta_bundle_identifier'))
  const version = configValue(config, 'meta_version', '1.0.0')
  const noCompress = configValue(config, 'android_aapt_no_compress').split(/[\s,]+/).filter((e) => e !== '')
  return `import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
  id("com.android.application")
  id("org.jetbrains.kotlin.android")
}

android {
  namespace = ${JSON.stringify(id)}
  compileSdk = ${COMPILE_SDK}
  defaultConfig {
    applicationId = ${JSON.stringify(id)}
    minSdk = ${MIN_SDK}
    targetSdk = ${COMPILE_SDK}
    versionCode = ${versionCode(version)}
    versionName = ${JSON.stringify(version)}
  }
  // The host (src/main/kotlin) and the generated IPC bridge (src/generated/kotlin).
  sourceSets { getByName("main") { java.srcDirs("src/main/kotlin", "src/generated/kotlin") } }
  compileOptions {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
  }
  androidResources { noCompress += listOf(${noCompress.map((e) => JSON.stringify(e)).join(', ')}) }
  buildTypes { getByName("release") { isMinifyEnabled = false } }
}

kotlin {
  compilerOptions {
    jvmTarget.set(JvmTarget.JVM_17)
  }
}

dependencies {
  implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:${COROUTINES_VERSION}")
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
