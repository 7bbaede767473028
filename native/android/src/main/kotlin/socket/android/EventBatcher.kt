package socket.android

import android.os.Handler
import android.os.Looper
import android.util.Base64
import socket.ipc.EventSink
import socket.ipc.Json

/**
 * Native-to-JS events, batched as on Linux: every event emitted (from any thread) joins a pending list, and one
 * main-thread task per burst evaluates `globalThis.__socketHost?.dispatch([[name, detail, base64?], …])`, so a
 * burst of UDP datagrams costs one script evaluation, not one per datagram. Events are for the app's pages only:
 * when the WebView shows anything else, the batch is dropped.
 */
class EventBatcher(
  private val origin: AppOrigin,
  private val pageUrl: () -> String?,
  private val evaluate: (String) -> Unit,
  looper: Looper = Looper.getMainLooper()
) : EventSink {
  private val handler = Handler(looper)
  private val lock = Any()
  private var pending = StringBuilder()
  private var scheduled = false
  @Volatile private var closed = false

  /** How many scripts were evaluated and how many events they carried (for tests and logs). */
  @Volatile var flushes = 0
    private set
  @Volatile var dropped = 0
    private set

  override fun emit(name: String, detail: Json) = add(name, detail, null)

  override fun emitBinary(name: String, params: Json, bytes: ByteArray) = add(name, params, bytes)

  private fun add(name: String, detail: Json, bytes: ByteArray?) {
    if (closed) return
    synchronized(lock) {
      pending.append(if (pending.isEmpty()) "[" else ",")
      pending.append('[')
      Json.writeString(pending, name)
      pending.append(',')
      detail.write(pending)
      if (bytes != null) {
        pending.append(",\"").append(Base64.encodeToString(bytes, Base64.NO_WRAP)).append('"')
      }
      pending.append(']')
      if (scheduled) return
      scheduled = true
    }
    handler.post(::flush)
  }

  /** Drops what is pending and everything emitted later (the window is going away). */
  fun close() {
    closed = true
    handler.removeCallbacksAndMessages(null)
  }

  /** Runs on the main thread: one evaluation for everything emitted since the last one. */
  private fun flush() {
    val batch = synchronized(lock) {
      scheduled = false
      val text = pending.toString()
      pending = StringBuilder()
      text
    }
    if (batch.isEmpty() || closed) return
    if (!origin.owns(pageUrl())) { dropped++; return }
    flushes++
    evaluate("globalThis.__socketHost?.dispatch($batch])")
  }
}
