package socket.android

import socket.api.fs.AccessArgs
import socket.api.fs.AccessResult
import socket.api.fs.CloseArgs
import socket.api.fs.FileStats
import socket.api.fs.FsService
import socket.api.fs.MkdirArgs
import socket.api.fs.OpenArgs
import socket.api.fs.OpenResult
import socket.api.fs.ReadArgs
import socket.api.fs.StatArgs
import socket.api.fs.UnlinkArgs
import socket.api.fs.WriteArgs
import socket.api.fs.WriteResult
import socket.ipc.Context
import socket.ipc.IpcError
import java.io.File
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.BasicFileAttributes
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * `fs` on Android: java.nio inside the app's sandbox directories. Descriptors are FileChannels keyed by the id
 * the caller chose; `fd` in the answer is a host-local number (Android gives apps no stable POSIX fd here).
 * Routes not overridden here answer NotSupportedError.
 */
class AndroidFs(private val sandbox: Sandbox) : FsService by Unsupported.service("fs") {
  private class Descriptor(val channel: FileChannel, val file: File, val append: Boolean)

  private val descriptors = ConcurrentHashMap<ULong, Descriptor>()
  private val nextFd = AtomicInteger(3)

  override suspend fun open(context: Context, args: OpenArgs) = io {
    val file = sandbox.resolve(args.path, "fs.open")
    if (descriptors.containsKey(args.id)) throw IpcError.typeError("fs.open: descriptor id ${args.id} is already in use")
    val access = args.flags and O_ACCMODE
    val options = HashSet<StandardOpenOption>()
    if (access == O_RDONLY || access == O_RDWR) options.add(StandardOpenOption.READ)
    if (access == O_WRONLY || access == O_RDWR) options.add(StandardOpenOption.WRITE)
    if (args.flags and O_CREAT != 0) options.add(if (args.flags and O_EXCL != 0) StandardOpenOption.CREATE_NEW else StandardOpenOption.CREATE)
    if (args.flags and O_TRUNC != 0) options.add(StandardOpenOption.TRUNCATE_EXISTING)
    val append = args.flags and O_APPEND != 0
    if (file.isDirectory && access != O_RDONLY) throw Errno.error("EISDIR", "illegal operation on a directory", "open", args.path)
    val channel = try { FileChannel.open(file.toPath(), options) } catch (e: IOException) { throw Errno.from(e, "open", File(args.path)) }
    descriptors[args.id] = Descriptor(channel, file, append)
    OpenResult(id = args.id, fd = nextFd.getAndIncrement())
  }

  override suspend fun read(context: Context, args: ReadArgs) = io {
    val d = descriptors[args.id] ?: throw Errno.ebadf("read", args.id)
    val buffer = ByteBuffer.allocate(minOf(args.size, MAX_READ).toInt())
    val count = if (args.offset >= 0) d.channel.read(buffer, args.offset) else d.channel.read(buffer)
    buffer.array().copyOf(maxOf(count, 0))
  }

  override suspend fun write(context: Context, args: WriteArgs) = io {
    val d = descriptors[args.id] ?: throw Errno.ebadf("write", args.id)
    val buffer = ByteBuffer.wrap(args.data)
    var written = 0L
    while (buffer.hasRemaining()) {
      written += when {
        d.append -> d.channel.write(buffer, d.channel.size())
        args.offset >= 0 -> d.channel.write(buffer, args.offset + written)
        else -> d.channel.write(buffer)
      }
    }
    WriteResult(bytes = written)
  }

  override suspend fun close(context: Context, args: CloseArgs): Unit = io {
    val d = descriptors.remove(args.id) ?: throw Errno.ebadf("close", args.id)
    d.channel.close()
  }

  override suspend fun stat(context: Context, args: StatArgs) = io {
    val file = sandbox.resolve(args.path, "fs.stat")
    val attrs = try {
      Files.readAttributes(file.toPath(), BasicFileAttributes::class.java)
    } catch (e: IOException) { throw Errno.from(e, "stat", File(args.path)) }
    val type = when { attrs.isDirectory -> S_IFDIR; attrs.isSymbolicLink -> S_IFLNK; else -> S_IFREG }
    val perms = (if (file.canRead()) 0b100_100_000 else 0) or (if (file.canWrite()) 0b010_000_000 else 0) or
      (if (file.canExecute()) 0b001_001_000 else 0)
    FileStats(
      dev = 0u, ino = 0u, mode = (type or perms).toLong(), nlink = 1u, uid = 0, gid = 0, rdev = 0u,
      size = attrs.size().toULong(), blksize = 4096u, blocks = ((attrs.size() + 511) / 512).toULong(),
      atimeMs = attrs.lastAccessTime().toMillis().toDouble(), mtimeMs = attrs.lastModifiedTime().toMillis().toDouble(),
      ctimeMs = attrs.lastModifiedTime().toMillis().toDouble(), birthtimeMs = attrs.creationTime().toMillis().toDouble())
  }

  override suspend fun access(context: Context, args: AccessArgs) = io {
    val file = sandbox.resolve(args.path, "fs.access")
    if (!file.exists()) throw Errno.enoent("access", args.path)
    val denied = (args.mode and 4 != 0 && !file.canRead()) || (args.mode and 2 != 0 && !file.canWrite()) ||
      (args.mode and 1 != 0 && !file.canExecute())
    if (denied) throw Errno.error("EACCES", "permission denied", "access", args.path)
    AccessResult(mode = args.mode)
  }

  override suspend fun mkdir(context: Context, args: MkdirArgs): Unit = io {
    val file = sandbox.resolve(args.path, "fs.mkdir")
    try {
      if (args.recursive) Files.createDirectories(file.toPath()) else Files.createDirectory(file.toPath())
    } catch (e: IOException) {
      throw if (e is java.nio.file.NoSuchFileException) Errno.enoent("mkdir", args.path) else Errno.from(e, "mkdir", File(args.path))
    }
  }

  override suspend fun unlink(context: Context, args: UnlinkArgs): Unit = io {
    val file = sandbox.resolve(args.path, "fs.unlink")
    if (file.isDirectory) throw Errno.error("EISDIR", "illegal operation on a directory", "unlink", args.path)
    try { Files.delete(file.toPath()) } catch (e: IOException) { throw Errno.from(e, "unlink", File(args.path)) }
  }

  /** Closes every descriptor (the activity is going away). */
  fun closeAll() {
    for (id in descriptors.keys.toList()) descriptors.remove(id)?.channel?.close()
  }

  companion object {
    // Linux's values: Android is Linux.
    const val O_RDONLY = 0
    const val O_WRONLY = 1
    const val O_RDWR = 2
    const val O_ACCMODE = 3
    const val O_CREAT = 0x40
    const val O_EXCL = 0x80
    const val O_TRUNC = 0x200
    const val O_APPEND = 0x400
    private const val S_IFDIR = 0x4000
    private const val S_IFREG = 0x8000
    private const val S_IFLNK = 0xA000
    private const val MAX_READ = 16L * 1024 * 1024
  }
}

/** Runs blocking file work off the caller's thread; an I/O failure no errno maps is an `ErrnoError` EIO. */
internal suspend fun <T> io(body: () -> T): T = withContext(Dispatchers.IO) {
  try {
    body()
  } catch (error: IOException) {
    throw IpcError("ErrnoError", "EIO: ${error.message}", "EIO")
  }
}
