// AndroidManifest.xml and res/values for the generated Android project.
import { configValue, type AppConfig } from '../config/load.ts'
import { manifestPermissions } from './permissions.ts'

export function xmlEscape (text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** The manifest: permissions, the app's label and icon, the bundle id the host serves from, the one activity. */
export function androidManifest (config: AppConfig, options: { icon: boolean }): string {
  const permissions = manifestPermissions(config).map((name) => `  <uses-permission android:name="${xmlEscape(name)}" />`)
  const activity = configValue(config, 'android_main_activity') || 'socket.android.MainActivity'
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Written by ssc build --platform=android from socket.ini; rebuilt on every build. -->
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
${permissions.join('\n')}
  <application
    android:label="@string/app_name"${options.icon ? '\n    android:icon="@mipmap/ic_launcher"' : ''}
    android:theme="@android:style/Theme.Material.Light.NoActionBar"
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

export function stringsXml (config: AppConfig): string {
  const title = configValue(config, 'meta_title') || configValue(config, 'build_name')
  return `<?xml version="1.0" encoding="utf-8"?>
<resources>
  <string name="app_name">${xmlEscape(title)}</string>
</resources>
`
}
