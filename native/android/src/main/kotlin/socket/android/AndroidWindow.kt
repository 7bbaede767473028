package socket.android

import android.graphics.Color as AndroidColor
import socket.api.window.CloseArgs
import socket.api.window.Color
import socket.api.window.EvalArgs
import socket.api.window.GetBackgroundColorArgs
import socket.api.window.GetTitleArgs
import socket.api.window.NavigateArgs
import socket.api.window.Position
import socket.api.window.SendArgs
import socket.api.window.SetBackgroundColorArgs
import socket.api.window.SetTitleArgs
import socket.api.window.ShowArgs
import socket.api.window.Size
import socket.api.window.WindowInfo
import socket.api.window.WindowService
import socket.api.window.WindowStatus
import socket.ipc.Context
import socket.ipc.IpcError
import socket.ipc.Json
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * `window` on Android: the activity is the app's one window, index 0. What a phone window can do is done on the
 * main thread (title, navigation, eval, events to the page, background colour, close = finish); what cannot exist
 * there (more windows, sizes, positions, minimize/maximize, hide, the inspector, context menus, hotkeys, the file
 * picker dialog) answers NotSupportedError naming the route.
 */
class AndroidWindow(private val activity: MainActivity) : WindowService by Unsupported.service("window") {
  @Volatile private var status = WindowStatus.SHOWN
  @Volatile private var background = AndroidColor.WHITE

  override suspend fun show(context: Context, args: ShowArgs) = onWindow(args.targetWindowIndex, context) { info() }

  override suspend fun close(context: Context, args: CloseArgs) = onWindow(args.targetWindowIndex, context) {
    status = WindowStatus.CLOSING
    activity.finish()
    info()
  }

  override suspend fun getTitle(context: Context, args: GetTitleArgs) = onWindow(args.targetWindowIndex, context) {
    activity.title?.toString() ?: ""
  }

  override suspend fun setTitle(context: Context, args: SetTitleArgs) = onWindow(args.targetWindowIndex, context) {
    activity.title = args.value
    info()
  }

  override suspend fun navigate(context: Context, args: NavigateArgs) = onWindow(args.targetWindowIndex, context) {
    activity.webView.loadUrl(resolveUrl(args.url))
    info()
  }

  /** Runs a script in the page; answers with its completion value (the engine's JSON of it). */
  override suspend fun eval(context: Context, args: EvalArgs): Json {
    target(args.targetWindowIndex, context)
    val result = suspendCancellableCoroutine<String?> { done ->
      activity.runOnUiThread { activity.webView.evaluateJavascript(args.value) { done.resume(it) } }
    }
    return if (result == null) Json.Null else Json.parse(result)
  }

  /** Dispatches `event` with `value` as its detail in the page, batched with every other native event. */
  override suspend fun send(context: Context, args: SendArgs) = onWindow(args.targetWindowIndex, context) {
    if (args.event.isEmpty()) throw IpcError.typeError("event must not be empty")
    activity.events.emit(args.event, args.value)
  }

  override suspend fun getBackgroundColor(context: Context, args: GetBackgroundColorArgs) = onWindow(args.targetWindowIndex, context) {
    val c = background
    Color(AndroidColor.red(c), AndroidColor.green(c), AndroidColor.blue(c), AndroidColor.alpha(c) / 255.0)
  }

  override suspend fun setBackgroundColor(context: Context, args: SetBackgroundColorArgs) = onWindow(args.targetWindowIndex, context) {
    if (!(args.alpha >= 0 && args.alpha <= 1)) throw IpcError.rangeError("alpha must be from 0 to 1")
    background = AndroidColor.argb(Math.round(args.alpha * 255).toInt(), args.red, args.green, args.blue)
    activity.webView.setBackgroundColor(background)
  }

  /** The window as the wire describes it: the WebView's size in pixels, at the screen's origin. */
  private fun info() = WindowInfo(
    index = 0, title = activity.title?.toString() ?: "",
    size = Size(activity.webView.width.toLong(), activity.webView.height.toLong()), position = Position(0, 0), status = status)

  /** An app path (`/a.html`, `a.html`), a socket://<bundle-id>/ URL, or an http(s) URL, as the Linux host takes them. */
  private fun resolveUrl(url: String): String {
    if (url.startsWith("socket://")) {
      val mapped = activity.origin.fromSocketUrl(url)
      if (mapped == url) throw IpcError.typeError("url must be on this app's socket://${activity.origin.bundleId}/")
      return mapped
    }
    if (url.startsWith("http://") || url.startsWith("https://")) return url
    val colon = url.indexOf(':')
    if (colon >= 0 && (url.indexOf('/') < 0 || colon < url.indexOf('/'))) {
      throw IpcError.typeError("url must be an app path or a socket:, http: or https: URL")
    }
    return activity.origin.pageUrl(url)
  }

  /** Only window 0 exists. */
  private fun target(index: Int?, context: Context) {
    val wanted = index ?: maxOf(context.index, 0)
    if (wanted != 0) throw IpcError.notFound("no window with index $wanted (the Android host has one window, index 0)")
  }

  /**
   * Checks the target and runs `body` on the main thread, where views may be touched: directly when already
   * there, else posted to it while the caller (a WebView request thread) waits.
   */
  private suspend fun <T> onWindow(index: Int?, context: Context, body: () -> T): T {
    target(index, context)
    if (android.os.Looper.myLooper() == android.os.Looper.getMainLooper()) return body()
    return suspendCancellableCoroutine { done ->
      activity.runOnUiThread {
        try { done.resume(body()) } catch (e: Throwable) { done.resumeWithException(e) }
      }
    }
  }
}
