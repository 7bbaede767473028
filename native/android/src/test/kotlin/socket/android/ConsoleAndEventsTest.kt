package socket.android

import android.os.Looper
import android.util.Log
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowLog
import socket.android.AppHarness.Companion.str
import socket.ipc.Json

@RunWith(RobolectricTestRunner::class)
class ConsoleAndEventsTest {
  private lateinit var h: AppHarness
  private val tag get() = "socket:${h.activity.origin.bundleId}"

  @Before fun start() { ShadowLog.clear(); h = AppHarness() }
  @After fun stop() = h.stop()

  /** The secret as the app's page receives it: inside the preload of the served HTML. */
  private fun pageSecret(): String {
    val html = h.text(h.get("${h.app}/index.html", emptyMap(), mainFrame = true))
    return Regex("const secret = \"([0-9a-f]{32})\"").find(html)!!.groupValues[1]
  }

  private fun logged() = ShadowLog.getLogsForTag(tag).map { it.type to it.msg }

  private fun evaluated(): String? = shadowOf(h.activity.webView).lastEvaluatedJavascript

  @Test fun theAppPageGetsTheConsoleBridgeAndTheEventDispatcher() {
    val html = h.text(h.get("${h.app}/index.html", emptyMap(), mainFrame = true))
    assertTrue(html.contains("globalThis.__socketConsole"))
    assertTrue(html.contains("console[level] = function"))
    assertTrue(html.contains("Object.defineProperty(globalThis, '__socketHost'"))
  }

  @Test fun consoleMessagesFromTheAppPageReachTheHostLog() {
    val secret = pageSecret()
    h.activity.console.post("__console", secret + "ohello 42")
    h.activity.console.post("__console", secret + "ecareful")
    h.activity.console.post("__error", secret + "index.js:3:1: Uncaught TypeError: x is not a function")
    assertEquals(listOf(Log.INFO to "hello 42", Log.WARN to "careful", Log.ERROR to "index.js:3:1: Uncaught TypeError: x is not a function"), logged())
  }

  @Test fun consoleMessagesWithoutTheSecretAreDropped() {
    pageSecret()
    h.activity.console.post("__console", "ofrom a foreign frame")
    h.activity.console.post("__console", "0".repeat(32) + "oguessed secret")
    assertEquals(2, h.activity.console.refused)
    assertTrue(logged().none { it.second.contains("foreign frame") || it.second.contains("guessed") })
    assertEquals(listOf(Log.WARN), logged().map { it.first })  // one note that something was refused
  }

  @Test fun aForeignFrameCannotPlantARequestBody() {
    val secret = pageSecret()
    assertEquals(h.activity.secret, secret)
    val planted = java.util.Base64.getEncoder().encodeToString("planted".toByteArray())
    h.activity.bodies.put(null, "W9", planted)
    h.activity.bodies.put("0".repeat(32), "W9", planted)
    assertEquals(2, h.activity.bodies.refused)
    // The app's own request with that seq finds no body planted: its datagram is empty, not "planted".
    val sent = h.get("${h.app}/ipc/udp.send?seq=W9&index=0&id=5&port=9&address=127.0.0.1")
    assertEquals(0.0, AppHarness.num(AppHarness.obj(h.data(AppHarness.obj(Json.parse(h.text(sent)))))["bytes"]), 0.0)
    h.ipc("udp.close", "id=5")
    val html = h.text(h.get("${h.app}/index.html", emptyMap(), mainFrame = true))
    assertTrue(html.contains("const putBody = (seq, base64) => bodyChannel.put(secret, String(seq), String(base64))"))
  }

  @Test fun eventsFromAnyThreadReachThePageInOneBatchPerTurn() {
    val threads = (1..3).map { n ->
      Thread { h.activity.events.emit("tick", Json.obj("n" to Json.Num(n.toDouble()))) }.apply { start() }
    }
    threads.forEach { it.join() }
    h.activity.events.emitBinary("data", Json.obj("source" to Json.Str("udp.readStart")), byteArrayOf(1, 2, 3))
    assertNull("nothing runs before the main thread's turn", evaluated())
    shadowOf(Looper.getMainLooper()).idle()
    val script = evaluated()!!
    assertEquals(1, h.activity.events.flushes)
    assertTrue(script, script.startsWith("globalThis.__socketHost?.dispatch([[\"tick\",{\"n\":"))
    for (n in 1..3) assertTrue(script, script.contains("[\"tick\",{\"n\":$n}]"))
    assertTrue(script, script.endsWith(",[\"data\",{\"source\":\"udp.readStart\"},\"AQID\"]])"))

    h.activity.events.emit("later", Json.Null)
    shadowOf(Looper.getMainLooper()).idle()
    assertEquals("globalThis.__socketHost?.dispatch([[\"later\",null]])", evaluated())
    assertEquals(2, h.activity.events.flushes)
  }

  @Test fun eventsAreDroppedWhileTheWebViewShowsAForeignPage() {
    h.activity.client.onPageStarted(h.activity.webView, "https://evil.example/", null)
    h.activity.events.emit("secret", Json.Str("for the app only"))
    shadowOf(Looper.getMainLooper()).idle()
    assertNull(evaluated())
    assertEquals(1, h.activity.events.dropped)
  }

  @Test fun windowSendRoutesAnEventToThePage() {
    val answer = h.ipc("window.send", "event=hello&value=${h.enc("{\"a\":[1,\"x\"]}")}")
    assertEquals(Json.Null, h.data(answer))
    shadowOf(Looper.getMainLooper()).idle()
    assertEquals("globalThis.__socketHost?.dispatch([[\"hello\",{\"a\":[1,\"x\"]}]])", evaluated())
    assertEquals("TypeError", str(h.error(h.ipc("window.send", "event=&value=1"))["type"]))
    assertFalse(evaluated()!!.contains("\"\""))
  }
}
