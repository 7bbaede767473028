package socket.android

import android.util.Log
import android.webkit.JavascriptInterface

/**
 * The page's console and uncaught errors, written to the host's log as the Linux host writes them to
 * stdout/stderr: the preload wraps console.log/info/debug (channel 'o', Log.i) and console.warn/error (channel
 * 'e', Log.w), and reports uncaught errors and rejections (Log.e).
 *
 * A JavascriptInterface is visible to every frame the WebView shows, including foreign ones, so each message
 * must start with the session secret that only the app's own pages get (in their preload); anything else is
 * dropped and the refusal logged once per kind.
 */
class ConsoleChannel(private val secret: String, private val tag: String) {
  @Volatile var refused = 0
    private set

  @JavascriptInterface
  fun post(channel: String?, text: String?) {
    if (channel == null || text == null || !text.startsWith(secret)) {
      if (refused++ == 0) Log.w(tag, "refused a console message from a frame without the preload (not the app's page)")
      return
    }
    val message = text.substring(secret.length)
    when (channel) {
      "__console" -> if (message.startsWith("e")) Log.w(tag, message.substring(1)) else Log.i(tag, message.removePrefix("o"))
      "__error" -> Log.e(tag, message.ifEmpty { "Uncaught error" })
      else -> Log.w(tag, "unknown console channel '$channel'")
    }
  }

  companion object {
    /** 128 bits from SecureRandom, as hex: what the preload proves it came from the app's page with. */
    fun newSecret(): String {
      val bytes = ByteArray(16)
      java.security.SecureRandom().nextBytes(bytes)
      return bytes.joinToString("") { "%02x".format(it) }
    }
  }
}
