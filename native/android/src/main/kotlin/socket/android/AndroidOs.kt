package socket.android

import android.content.Context as AndroidContext
import android.os.Build
import android.os.SystemClock
import socket.api.os.HostnameArgs
import socket.api.os.OpenExternalArgs
import socket.api.os.OsService
import socket.api.os.PathsArgs
import socket.api.os.TotalMemoryArgs
import socket.api.os.Uname
import socket.api.os.UnameArgs
import socket.api.os.UptimeArgs
import socket.ipc.Context

/** `os` on Android: what the framework tells an app about the device. Other routes answer NotSupportedError. */
class AndroidOs(private val app: AndroidContext) : OsService by Unsupported.service("os") {
  override suspend fun uname(context: Context, args: UnameArgs) = Uname(
    sysname = "Linux",
    release = System.getProperty("os.version") ?: "",
    version = "Android ${Build.VERSION.RELEASE} (API ${Build.VERSION.SDK_INT})",
    machine = Build.SUPPORTED_ABIS.firstOrNull() ?: (System.getProperty("os.arch") ?: ""))

  override suspend fun openExternal(context: Context, args: OpenExternalArgs) =
    ExternalLinks.open(app as android.app.Activity, args.value)

  override suspend fun hostname(context: Context, args: HostnameArgs) =
    "${Build.MANUFACTURER}-${Build.MODEL}".replace(' ', '-').lowercase()

  override suspend fun uptime(context: Context, args: UptimeArgs) = SystemClock.elapsedRealtime() / 1000.0

  override suspend fun totalMemory(context: Context, args: TotalMemoryArgs): ULong {
    val manager = app.getSystemService(AndroidContext.ACTIVITY_SERVICE) as android.app.ActivityManager
    val info = android.app.ActivityManager.MemoryInfo()
    manager.getMemoryInfo(info)
    return info.totalMem.toULong()
  }

  /** The app's own directories, by the names the original's `os.paths` / `path` module use. */
  override suspend fun paths(context: Context, args: PathsArgs) = linkedMapOf(
    "home" to app.filesDir.path,
    "data" to app.filesDir.path,
    "config" to app.filesDir.path,
    "cache" to app.cacheDir.path,
    "tmp" to app.cacheDir.path,
    "resources" to "/android_asset/app")
}
