// Which targets this host can build for, and why the others cannot work here.
import { NotSupportedError, UsageError } from '../errors.ts'

const KNOWN = ['linux', 'android', 'android-emulator', 'ios', 'ios-simulator', 'mac', 'darwin', 'win', 'win32', 'windows']

/** Why `platform` cannot be handled on this Linux host, in words a user can act on. */
export function whyUnsupported (platform: string, action: string): string {
  if (platform.startsWith('ios') || platform === 'mac' || platform === 'darwin') {
    return `cannot ${action} for ${platform} here: Apple targets need macOS with Xcode (xcodebuild, codesign, ` +
      'simctl); this host is Linux. Run ssc on a Mac for this target.'
  }
  if (platform.startsWith('android')) {
    return `cannot ${action} for ${platform}: this machine has no Android SDK (aapt2, d8, adb), emulator or device. ` +
      '"ssc build --platform=android" writes the app\'s Android Gradle project and compiles its Kotlin here; build and ' +
      'install the APK from it where ANDROID_HOME has the SDK (docs/mobile.md).'
  }
  return `cannot ${action} for ${platform}: Windows targets need WebView2 and the MSVC toolchain on Windows; this host is Linux.`
}

/** Accepts linux (the default); throws a NotSupportedError that explains every other known target. */
export function checkPlatform (platform: string | undefined, action: string): void {
  if (platform === undefined || platform === 'linux') return
  if (!KNOWN.includes(platform)) {
    throw new UsageError(`unknown platform "${platform}": use linux, android, android-emulator, ios or ios-simulator`)
  }
  throw new NotSupportedError(whyUnsupported(platform, action))
}
