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
import socket.api.window.Window
import socket.api.window.WindowInfo
import socket.api.window.WindowService
import socket.api.window.WindowStatus
import socket.ipc.Context
import socket.ipc.IpcError
import socket.ipc.Json
import socket.ipc.Reply

/**
 * `window` on Android: the activity is the app's one window, index 0. What a phone window can do is done on the
 * main thread (title, navigation, eval, events to the page, background colour, close = finish); what cannot exist
 * there (more windows, sizes, positions, minimize/maximize, hide, the inspector, context menus, hotkeys, the file
 * picker dialog) answers NotSupportedError naming the route.
 */
class AndroidWindow(private val activity: MainActivity) : WindowService by Unsupported.service("window") {
  @Volatile private var status = WindowStatus.SHOWN
  @Volatile private var background = AndroidColor.WHITE

  override fun show(context: Context, args: ShowArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    Window.resolveShow(reply, info())
  }

  override fun close(context: Context, args: CloseArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    status = WindowStatus.CLOSING
    Window.resolveClose(reply, info())
    activity.finish()
  }

  override fun getTitle(context: Context, args: GetTitleArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    Window.resolveGetTitle(reply, activity.title?.toString() ?: "")
  }

  override fun setTitle(context: Context, args: SetTitleArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    activity.title = args.value
    Window.resolveSetTitle(reply, info())
  }

  override fun navigate(context: Context, args: NavigateArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    activity.webView.loadUrl(resolveUrl(args.url))
    Window.resolveNavigate(reply, info())
  }

  /** Runs a script in the page; answers with its completion value (the engine's JSON of it). */
  override fun eval(context: Context, args: EvalArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    activity.webView.evaluateJavascript(args.value) { result ->
      answer(reply) { Window.resolveEval(reply, if (result == null) Json.Null else Json.parse(result)) }
    }
  }

  /** Dispatches `event` with `value` as its detail in the page, batched with every other native event. */
  override fun send(context: Context, args: SendArgs, reply: Reply) = onWindow(reply, args.targetWindowIndex, context) {
    if (args.event.isEmpty()) throw IpcError.typeError("event must not be empty")
    activity.events.emit(args.event, args.value)
    Window.resolveSend(reply)
  }

  override fun getBackgroundColor(context: Context, args: GetBackgroundColorArgs, reply: Reply) =
    onWindow(reply, args.targetWindowIndex, context) {
      val c = background
      Window.resolveGetBackgroundColor(reply, Color(AndroidColor.red(c), AndroidColor.green(c), AndroidColor.blue(c), AndroidColor.alpha(c) / 255.0))
    }

  override fun setBackgroundColor(context: Context, args: SetBackgroundColorArgs, reply: Reply) =
    onWindow(reply, args.targetWindowIndex, context) {
      if (!(args.alpha >= 0 && args.alpha <= 1)) throw IpcError.rangeError("alpha must be from 0 to 1")
      background = AndroidColor.argb(Math.round(args.alpha * 255).toInt(), args.red, args.green, args.blue)
      activity.webView.setBackgroundColor(background)
      Window.resolveSetBackgroundColor(reply)
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

  /** Checks the target (only window 0 exists) and runs `body` on the main thread, answering its errors. */
  private fun onWindow(reply: Reply, index: Int?, context: Context, body: () -> Unit) {
    val wanted = index ?: maxOf(context.index, 0)
    if (wanted != 0) {
      reply.error(IpcError.notFound("no window with index $wanted (the Android host has one window, index 0)"))
      return
    }
    activity.runOnUiThread {
      try {
        answer(reply, body)
      } catch (e: RuntimeException) {
        reply.error(IpcError("Error", "${e.javaClass.simpleName}: ${e.message}"))
      }
    }
  }
}
