package socket.android

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import socket.ipc.IpcError

/**
 * `platform.openExternal` on Android: an ACTION_VIEW intent for http:, https: and mailto: links only (the Linux
 * host's rule), started from the activity. The route's `open_external` permission is checked by the generated
 * dispatch before this runs.
 */
object ExternalLinks {
  private val SCHEMES = listOf("http://", "https://", "mailto:")

  fun open(activity: android.app.Activity, url: String) {
    if (SCHEMES.none { url.startsWith(it) }) {
      throw IpcError.typeError("openExternal opens http:, https: and mailto: links only, not '${url.take(64)}'")
    }
    val intent = Intent(Intent.ACTION_VIEW, Uri.parse(url)).addCategory(Intent.CATEGORY_BROWSABLE)
    try {
      activity.startActivity(intent)
    } catch (e: ActivityNotFoundException) {
      throw IpcError.notSupported("cannot open $url on this device: no application handles it")
    }
  }
}
