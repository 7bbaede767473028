// The app module's AndroidManifest.xml: the host's activity as the launcher, the bundle id the host serves from
// (`socket.bundle_id` meta-data) and the permissions socket.ini asks for. The package is the Gradle namespace.
import { configValue, type AppConfig } from '../config/load.ts'
import { ConfigError } from '../errors.ts'
import { manifestPermissions } from './permissions.ts'

export function xmlEscape (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

export const HOST_ACTIVITY = 'socket.android.MainActivity'

/** `[android] main_activity` may only name the host's activity: no other Kotlin is built into the project yet. */
function launcherActivity (config: AppConfig): string {
  const named = configValue(config, 'android_main_activity')
  if (named === '' || named === HOST_ACTIVITY) return HOST_ACTIVITY
  const entry = config.entries.get('android_main_activity')!
  throw new ConfigError(entry.file, entry.line, 'android_main_activity',
    `"${named}" is not in the project: only the host's ${HOST_ACTIVITY} is built ([android] sources is not used yet)`)
}

// The manifest's comment must not hold a double hyphen (not well-formed XML), so it never quotes a flag.
/** The manifest: permissions, the app's label and icon, the bundle id the host serves from, the one activity. */
export function androidManifest (config: AppConfig, options: { icon: boolean }): string {
  const permissions = manifestPermissions(config).map((name) => `  <uses-permission android:name="${xmlEscape(name)}" />`)
  const activity = launcherActivity(config)
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Written by ssc build for Android from socket.ini; rebuilt on every build. -->
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
${permissions.join('\n')}
  <application
    android:label="@string/app_name"${options.icon ? '\n    android:icon="@mipmap/ic_launcher"' : ''}
    android:theme="@style/AppTheme"
    android:allowBackup="false"
    android:usesCleartextTraffic="false">
    <meta-data android:name="socket.bundle_id" android:value="${xmlEscape(configValue(config, 'meta_bundle_identifier'))}" />
    <activity android:name="${xmlEscape(activity)}" android:exported="true"
      android:configChanges="orientation|screenSize|screenLayout|keyboardHidden|uiMode">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity>
  </application>
</manifest>
`
}
