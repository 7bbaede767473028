package socket.android

import android.content.Context as AndroidContext
import android.os.Build
import android.os.SystemClock
import socket.api.os.HostnameArgs
import socket.api.os.OpenExternalArgs
import socket.api.os.Os
import socket.api.os.OsService
import socket.api.os.PathsArgs
import socket.api.os.TotalMemoryArgs
import socket.api.os.Uname
import socket.api.os.UnameArgs
import socket.api.os.UptimeArgs
import socket.ipc.Context
import socket.ipc.Reply

/** `os` on Android: what the framework tells an app about the device. Other routes answer NotSupportedError. */
class AndroidOs(private val app: AndroidContext) : OsService by Unsupported.service("os") {
  override fun uname(context: Context, args: UnameArgs, reply: Reply) = answer(reply) {
    Os.resolveUname(reply, Uname(
      sysname = "Linux",
      release = System.getProperty("os.version") ?: "",
      version = "Android ${Build.VERSION.RELEASE} (API ${Build.VERSION.SDK_INT})",
      machine = Build.SUPPORTED_ABIS.firstOrNull() ?: (System.getProperty("os.arch") ?: "")))
  }

  override fun openExternal(context: Context, args: OpenExternalArgs, reply: Reply) = answer(reply) {
    ExternalLinks.open(app as android.app.Activity, args.value)
    Os.resolveOpenExternal(reply)
  }

  override fun hostname(context: Context, args: HostnameArgs, reply: Reply) = answer(reply) {
    Os.resolveHostname(reply, "${Build.MANUFACTURER}-${Build.MODEL}".replace(' ', '-').lowercase())
  }

  override fun uptime(context: Context, args: UptimeArgs, reply: Reply) = answer(reply) {
    Os.resolveUptime(reply, SystemClock.elapsedRealtime() / 1000.0)
  }

  override fun totalMemory(context: Context, args: TotalMemoryArgs, reply: Reply) = answer(reply) {
    val manager = app.getSystemService(AndroidContext.ACTIVITY_SERVICE) as android.app.ActivityManager
    val info = android.app.ActivityManager.MemoryInfo()
    manager.getMemoryInfo(info)
    Os.resolveTotalMemory(reply, info.totalMem)
  }

  /** The app's own directories, by the names the original's `os.paths` / `path` module use. */
  override fun paths(context: Context, args: PathsArgs, reply: Reply) = answer(reply) {
    val files = app.filesDir.path
    Os.resolvePaths(reply, linkedMapOf(
      "home" to files,
      "data" to files,
      "config" to files,
      "cache" to app.cacheDir.path,
      "tmp" to app.cacheDir.path,
      "resources" to "/android_asset/app"))
  }
}
