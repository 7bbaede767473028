package socket.android

import android.os.Looper
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.junit.After
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assume.assumeTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowLog
import socket.api.fs.FileChange
import socket.api.fs.FileChangeKind
import socket.api.fs.Fs
import socket.api.udp.Datagram
import socket.api.udp.Udp
import socket.ipc.Json
import java.io.File
import java.net.InetSocketAddress
import java.net.URLDecoder
import java.util.concurrent.CompletableFuture
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * The runtime's own JS client (runtime-js/ipc with the Android transport, the generated fs/os/udp clients) against
 * this host. Robolectric has no JS engine, so the page runs in Node (test/android/js-page.ts): it takes the real
 * preload from the HTML this host serves, and its requests, JavascriptInterface calls and the scripts handed to
 * evaluateJavascript travel over a loopback HTTP hop that stands in for Chromium (the one fake here). Every
 * request is answered by the real SocketWebViewClient, with the header the engine sends for the app's page.
 */
@RunWith(RobolectricTestRunner::class)
class JsClientContractTest {
  private lateinit var h: AppHarness
  private val repo = File("../..").canonicalFile
  private val work = File("target/js-contract").apply { mkdirs() }

  private class Job(val path: String, val query: String, val body: String) {
    val answer = CompletableFuture<Triple<Int, String, ByteArray>>()
  }

  @Before fun start() { ShadowLog.clear(); h = AppHarness() }
  @After fun stop() = h.stop()

  @Test fun theRuntimesJsClientTalksToThisHost() {
    assumeTrue("node_modules/tsx is missing (npm ci); npm test always runs this", File(repo, "node_modules/tsx").isDirectory)
    val jobs = LinkedBlockingQueue<Job>()
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/") { exchange -> relay(exchange, jobs) }
    server.executor = java.util.concurrent.Executors.newFixedThreadPool(2)
    server.start()
    val log = File(work, "page.log")
    val page = ProcessBuilder("node", "--import", "tsx", "test/android/js-page.ts", server.address.port.toString())
      .directory(repo).redirectErrorStream(true).redirectOutput(log).start()
    var result = ""
    try {
      // The Robolectric main thread answers every request, as the engine's threads and the UI thread would.
      val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180)
      while (page.isAlive && System.nanoTime() < deadline) {
        val job = jobs.poll(100, TimeUnit.MILLISECONDS) ?: continue
        if (job.path == "/done") result = job.body
        job.answer.complete(answer(job))
      }
      assertTrue("the page did not finish in time:\n${log.readText()}", page.waitFor(10, TimeUnit.SECONDS))
    } finally {
      page.destroy()
      server.stop(0)
    }
    assertEquals("the page's checks failed:\n${log.readText()}", 0, page.exitValue())
    assertEquals("ok", result)
    // What the page saw, checked from this side: the body reached the file, the secret was accepted.
    assertEquals(0, h.activity.bodies.refused)
    assertEquals(0, h.activity.console.refused)
    assertArrayEquals(ByteArray(256) { it.toByte() }, File(h.activity.filesDir, "contract/bytes.bin").readBytes())
    val logged = ShadowLog.getLogsForTag("socket:${h.activity.origin.bundleId}").map { it.msg }
    assertTrue(logged.toString(), logged.contains("js client done: 11 checks"))
  }

  private fun relay(exchange: HttpExchange, jobs: LinkedBlockingQueue<Job>) {
    val job = Job(exchange.requestURI.path, exchange.requestURI.rawQuery ?: "", exchange.requestBody.readBytes().toString(Charsets.UTF_8))
    jobs.put(job)
    val (status, type, body) = job.answer.get(60, TimeUnit.SECONDS)
    exchange.responseHeaders.add("Content-Type", type)
    exchange.sendResponseHeaders(status, if (body.isEmpty()) -1 else body.size.toLong())
    exchange.responseBody.use { it.write(body) }
  }

  private fun answer(job: Job): Triple<Int, String, ByteArray> = when (job.path) {
    // The app's entry page as the WebView gets it: with the preload (and this run's secret) first.
    "/page" -> h.get("${h.app}/index.html", emptyMap(), mainFrame = true).let { Triple(it.statusCode, it.mimeType, it.data.readBytes()) }
    // A GET fetch()/XHR of the page: for a same-origin GET the engine sends the page as Referer, no Origin.
    "/request" -> {
      val url = URLDecoder.decode(job.query.removePrefix("url="), "UTF-8")
      h.get(url, mapOf("Referer" to "${h.app}/index.html")).let { Triple(it.statusCode, it.mimeType, it.data.readBytes()) }
    }
    // JavascriptInterface calls the page made, in order: [[interface, [arguments…]], …].
    "/jsi" -> {
      for (call in (Json.parse(job.body) as Json.Arr).items) {
        val (name, args) = (call as Json.Arr).items
        val a = (args as Json.Arr).items.map { (it as Json.Str).value }
        when ((name as Json.Str).value) {
          "__socketIpcBody" -> h.activity.bodies.put(a[0], a[1], a[2])
          "__socketConsole" -> h.activity.console.post(a[0], a[1])
          else -> error("no JavascriptInterface named $name")
        }
      }
      Triple(204, "text/plain", ByteArray(0))
    }
    // Native-to-JS events through the real EventBatcher; the page evaluates the script the WebView would.
    "/emit" -> {
      Udp.emitDatagram(h.activity.events, Datagram(5u, 4000, "127.0.0.1", 3), byteArrayOf(7, 8, 9))
      Fs.emitChange(h.activity.events, FileChange(2u, "notes/a.txt", FileChangeKind.CHANGE))
      shadowOf(Looper.getMainLooper()).idle()
      Triple(200, "text/javascript", (shadowOf(h.activity.webView).lastEvaluatedJavascript ?: "").toByteArray())
    }
    "/done" -> Triple(204, "text/plain", ByteArray(0))
    else -> Triple(404, "text/plain", ByteArray(0))
  }
}
