package socket.android

/**
 * Where the app lives inside the Android WebView. Android's WebView cannot register a custom scheme that `fetch`
 * may use, so `socket://<bundle-id>/<path>` is served as `https://<bundle-id>.socket.local/<path>` and
 * `ipc://<route>?<query>` as `https://<bundle-id>.socket.local/ipc/<route>?<query>`. Nothing ever reaches the
 * network for this host: the WebViewClient answers every request to it.
 */
class AppOrigin(val bundleId: String) {
  init {
    require(BUNDLE_ID.matches(bundleId)) { "bundle id '$bundleId' is not a reverse-DNS name (letters, digits, '.', '-', '_')" }
  }

  /** The host name the app's pages load from, lower-cased as URL hosts are. */
  val host: String = "${bundleId.lowercase()}.socket.local"

  /** The origin, as a page's `Origin` header states it. */
  val origin: String = "https://$host"

  /** The URL of the app's entry page. */
  fun pageUrl(path: String = "index.html"): String = "$origin/${path.trimStart('/')}"

  /** Whether `url` (any string) names a resource on the app's origin. */
  fun owns(url: String?): Boolean {
    if (url == null) return false
    val parsed = try { java.net.URI(url) } catch (e: java.net.URISyntaxException) { return false }
    return parsed.scheme.equals("https", ignoreCase = true) && parsed.host.equals(host, ignoreCase = true) &&
      (parsed.port == -1 || parsed.port == 443)
  }

  /** `socket://<bundle-id>/a/b` → the https URL the WebView loads; other URLs are returned unchanged. */
  fun fromSocketUrl(url: String): String {
    val prefix = "socket://$bundleId/"
    return if (url.startsWith(prefix, ignoreCase = true)) "$origin/${url.substring(prefix.length)}" else url
  }

  companion object {
    const val IPC_PREFIX = "/ipc/"
    private val BUNDLE_ID = Regex("[A-Za-z0-9][A-Za-z0-9._-]*")
  }
}
