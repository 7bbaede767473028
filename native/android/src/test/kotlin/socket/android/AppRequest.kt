package socket.android

import android.net.Uri
import android.webkit.WebResourceRequest

/**
 * A request as the WebView engine would hand it to shouldInterceptRequest. Robolectric has the framework but no
 * Chromium engine, so the tests build the requests the engine would make.
 */
class AppRequest(
  url: String,
  private val headers: Map<String, String> = emptyMap(),
  private val mainFrame: Boolean = false,
  private val verb: String = "GET"
) : WebResourceRequest {
  private val uri: Uri = Uri.parse(url)
  override fun getUrl(): Uri = uri
  override fun isForMainFrame(): Boolean = mainFrame
  override fun isRedirect(): Boolean = false
  override fun hasGesture(): Boolean = false
  override fun getMethod(): String = verb
  override fun getRequestHeaders(): Map<String, String> = headers
}
