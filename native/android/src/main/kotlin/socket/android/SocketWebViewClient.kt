package socket.android

import android.graphics.Bitmap
import android.webkit.WebResourceRequest
import android.webkit.WebResourceResponse
import android.webkit.WebView
import android.webkit.WebViewClient
import socket.ipc.IpcError
import socket.ipc.Json
import java.io.ByteArrayInputStream

/**
 * Serves the app at `https://<bundle-id>.socket.local/` from its assets (with the preload in every HTML page)
 * and answers `…/ipc/<route>` through [IpcBridge]. Requests to other hosts are left to the WebView.
 */
class SocketWebViewClient(
  private val origin: AppOrigin,
  private val assets: AppAssets,
  private val bridge: IpcBridge,
  private val preload: String
) : WebViewClient() {
  /** The page the WebView shows; read on WebView worker threads, where WebView methods may not be called. */
  @Volatile var pageUrl: String? = null
    private set

  override fun onPageStarted(view: WebView?, url: String?, favicon: Bitmap?) {
    pageUrl = url
    super.onPageStarted(view, url, favicon)
  }

  override fun shouldInterceptRequest(view: WebView?, request: WebResourceRequest): WebResourceResponse? {
    val url = request.url.toString()
    if (!origin.owns(url)) return null
    if (bridge.isIpc(url)) {
      val answer = bridge.handle(url, request.requestHeaders ?: emptyMap(), request.isForMainFrame, pageUrl)
      return response(answer.status, answer.contentType, answer.body)
    }
    if (request.method != "GET" && request.method != "HEAD") {
      return error(405, IpcError.notSupported("${request.method} is not supported for app files"))
    }
    val path = request.url.path ?: "/"
    val stream = assets.open(path) ?: return error(404, IpcError.notFound("no app file at '$path'"))
    val type = AppAssets.mimeType(if (path.endsWith("/")) "index.html" else path)
    val bytes = stream.use { it.readBytes() }
    val body = if (type == "text/html") Preload.inject(String(bytes, Charsets.UTF_8), preload).toByteArray(Charsets.UTF_8) else bytes
    return response(200, type, body)
  }

  private fun error(status: Int, error: IpcError): WebResourceResponse =
    response(status, "application/json", Json.obj("err" to error.toJson()).stringify().toByteArray(Charsets.UTF_8))

  private fun response(status: Int, type: String, body: ByteArray): WebResourceResponse {
    val charset = if (type.startsWith("text/") || type == "application/json") "utf-8" else null
    return WebResourceResponse(type, charset, status, REASONS[status] ?: "Status", HEADERS, ByteArrayInputStream(body))
  }

  companion object {
    private val REASONS = mapOf(200 to "OK", 400 to "Bad Request", 403 to "Forbidden", 404 to "Not Found", 405 to "Method Not Allowed")
    // The app's pages are its own origin; no other origin may read these answers.
    private val HEADERS = mapOf("Cache-Control" to "no-store", "X-Content-Type-Options" to "nosniff")
  }
}
