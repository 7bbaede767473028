package socket.android

import java.io.File
import java.io.IOException
import java.io.InputStream

/** The app's files, by URL path: on a device the APK's `assets/app/` (where `ssc build` puts them). */
class AppAssets(private val openFile: (String) -> InputStream?) {
  /** The file for a URL path, or null when there is none (or the path tries to leave the app's folder). */
  fun open(path: String): InputStream? {
    val parts = path.split('/').filter { it.isNotEmpty() }
    if (parts.any { it == ".." || it == "." }) return null
    return openFile(if (parts.isEmpty()) "index.html" else parts.joinToString("/"))
  }

  companion object {
    fun of(assets: android.content.res.AssetManager, root: String = "app") = AppAssets { name ->
      try { assets.open("$root/$name") } catch (e: IOException) { null }
    }

    /** The same layout read from a directory (an unpacked `assets/app/`). */
    fun of(directory: File) = AppAssets { name -> File(directory, name).takeIf { it.isFile }?.inputStream() }

    private val TYPES = mapOf(
      "html" to "text/html", "htm" to "text/html", "js" to "text/javascript", "mjs" to "text/javascript",
      "css" to "text/css", "json" to "application/json", "svg" to "image/svg+xml", "png" to "image/png",
      "jpg" to "image/jpeg", "jpeg" to "image/jpeg", "gif" to "image/gif", "webp" to "image/webp",
      "wasm" to "application/wasm", "txt" to "text/plain", "ico" to "image/x-icon", "woff2" to "font/woff2")

    fun mimeType(path: String): String = TYPES[path.substringAfterLast('.', "").lowercase()] ?: "application/octet-stream"
  }
}
