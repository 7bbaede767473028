package socket.android

import socket.ipc.Context
import socket.ipc.Envelope
import socket.ipc.EventSink
import socket.ipc.IpcError
import socket.ipc.Json
import socket.ipc.Message
import socket.ipc.PermissionPolicy
import socket.ipc.Response
import socket.ipc.Router
import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/**
 * Answers `https://<bundle-id>.socket.local/ipc/<route>?<query>` (the Android form of `ipc://<route>?<query>`)
 * through the generated dispatch. Only the app's own pages reach native: the request must come from a subresource
 * load (not a navigation), carry the app's origin in `Origin` or `Referer`, and the WebView must be showing an app
 * page. Anything else gets 403 with a NotAllowedError.
 *
 * Android's `shouldInterceptRequest` does not expose request bodies, so a request that carries one (fs.write) has
 * its body handed over first through [putBody] (a JavascriptInterface the preload calls), keyed by `seq`.
 */
class IpcBridge(
  private val origin: AppOrigin,
  private val router: Router,
  private val permissions: PermissionPolicy? = null,
  private val events: () -> EventSink? = { null }
) {
  private val bodies = ConcurrentHashMap<String, ByteArray>()

  /** Stores the body of the request whose `seq` is given; the next request with that seq consumes it. */
  fun putBody(seq: String, body: ByteArray) {
    if (bodies.size >= MAX_PENDING_BODIES) bodies.clear()
    bodies[seq] = body
  }

  fun isIpc(url: String): Boolean =
    origin.owns(url) && java.net.URI(url).rawPath.startsWith(AppOrigin.IPC_PREFIX)

  /** Refuses a request that does not come from the app's own page; null when it may proceed. */
  fun refusal(headers: Map<String, String>, isForMainFrame: Boolean, pageUrl: String?): String? {
    if (isForMainFrame) return "an IPC URL cannot be opened as a page"
    if (!origin.owns(pageUrl)) return "the WebView is showing '${pageUrl ?: "nothing"}', not an app page"
    val from = header(headers, "Origin")?.takeIf { it != "null" } ?: header(headers, "Referer")
    if (!origin.owns(from)) return "request from '${from ?: "an unknown origin"}' is not from ${origin.origin}"
    return null
  }

  fun handle(url: String, headers: Map<String, String>, isForMainFrame: Boolean, pageUrl: String?): Response {
    val uri = java.net.URI(url)
    val route = uri.rawPath.substring(AppOrigin.IPC_PREFIX.length)
    val wire = "ipc://$route" + (uri.rawQuery?.let { "?$it" } ?: "")
    val why = refusal(headers, isForMainFrame, pageUrl)
    if (why != null) return errorResponse(403, IpcError("NotAllowedError", "ipc://$route: $why"))
    val message = try { Message.parse(wire) } catch (e: IpcError) { return errorResponse(400, e) }
    val body = bodies.remove(message.seq) ?: ByteArray(0)
    val full = if (body.isEmpty()) message else Message.parse(wire, body)
    return dispatch(full)
  }

  /**
   * Runs the route's suspend service and waits for its answer: shouldInterceptRequest runs on a WebView worker
   * thread and must return the response. The envelope's token is the request's seq, which the preload matches.
   */
  fun dispatch(message: Message): Response {
    val token = message.seq.ifEmpty { null }
    return try {
      runBlocking {
        withTimeout(REPLY_TIMEOUT_SECONDS * 1000) { router.dispatch(message, Context(message.index, message.seq, events(), permissions), token) }
      }
    } catch (e: TimeoutCancellationException) {
      Envelope.error(message.route, token, IpcError("TimeoutError", "${message.route} did not answer within $REPLY_TIMEOUT_SECONDS s"))
    } catch (e: IpcError) {
      Envelope.error(message.route, token, e.prefixed(message.route))
    }
  }

  private fun errorResponse(status: Int, error: IpcError): Response {
    val json = Json.obj("source" to Json.Str("ipc"), "token" to Json.Null, "err" to error.toJson())
    return Response(status, "application/json", json.stringify().toByteArray(Charsets.UTF_8))
  }

  private fun header(headers: Map<String, String>, name: String): String? =
    headers.entries.firstOrNull { it.key.equals(name, ignoreCase = true) }?.value

  companion object {
    const val REPLY_TIMEOUT_SECONDS = 30L
    private const val MAX_PENDING_BODIES = 256
  }
}
