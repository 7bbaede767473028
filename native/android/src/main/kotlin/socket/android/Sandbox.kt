package socket.android

import socket.ipc.IpcError
import java.io.File

/**
 * The directories the app may touch through `fs`: its private files and cache directories. Relative paths are
 * taken from the files directory; anything that resolves (after `..` and symbolic links) outside every root is
 * refused with NotAllowedError naming the path.
 */
class Sandbox(roots: List<File>) {
  val roots: List<File> = roots.map { it.canonicalFile }

  val home: File get() = roots.first()

  fun resolve(path: String, route: String): File {
    if (path.isEmpty()) throw IpcError.typeError("$route: argument 'path' must not be empty")
    if (path.indexOf('\u0000') >= 0) throw IpcError.typeError("$route: argument 'path' must not contain NUL")
    val given = File(path)
    val file = (if (given.isAbsolute) given else File(home, path)).canonicalFile
    if (roots.none { root -> file == root || file.path.startsWith(root.path + File.separator) }) {
      throw IpcError("NotAllowedError", "$route: '$path' is outside the app's sandbox (${roots.joinToString { it.path }})")
    }
    return file
  }
}
