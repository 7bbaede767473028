package socket.android

import socket.ipc.IpcError
import java.io.File
import java.io.IOException
import java.nio.file.AccessDeniedException
import java.nio.file.DirectoryNotEmptyException
import java.nio.file.FileAlreadyExistsException
import java.nio.file.NoSuchFileException
import java.nio.file.NotDirectoryException

/** Builds the wire's ErrnoError (`type`, `code`, message "CODE: text, syscall 'path'") as the Linux host does. */
object Errno {
  fun error(code: String, text: String, syscall: String, path: String): IpcError =
    IpcError("ErrnoError", "$code: $text, $syscall '$path'", code)

  fun enoent(syscall: String, path: String) = error("ENOENT", "no such file or directory", syscall, path)
  fun ebadf(syscall: String, id: ULong) =
    IpcError("ErrnoError", "EBADF: bad file descriptor, $syscall (no open descriptor with id $id)", "EBADF")

  /** Maps a java.io / java.nio failure on `file` to the matching errno. */
  fun from(error: IOException, syscall: String, file: File): IpcError = when (error) {
    is NoSuchFileException, is java.io.FileNotFoundException ->
      if (file.exists() && file.isDirectory) error("EISDIR", "illegal operation on a directory", syscall, file.path)
      else if (file.exists()) error("EACCES", "permission denied", syscall, file.path)
      else enoent(syscall, file.path)
    is FileAlreadyExistsException -> error("EEXIST", "file already exists", syscall, file.path)
    is DirectoryNotEmptyException -> error("ENOTEMPTY", "directory not empty", syscall, file.path)
    is NotDirectoryException -> error("ENOTDIR", "not a directory", syscall, file.path)
    is AccessDeniedException -> error("EACCES", "permission denied", syscall, file.path)
    else -> error("EIO", error.message ?: "input/output error", syscall, file.path)
  }
}
