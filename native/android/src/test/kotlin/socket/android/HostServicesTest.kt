package socket.android

import android.content.Intent
import android.os.Looper
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import socket.android.AppHarness.Companion.num
import socket.android.AppHarness.Companion.obj
import socket.android.AppHarness.Companion.str
import socket.ipc.Json
import java.io.File
import java.net.DatagramPacket
import java.net.DatagramSocket
import java.net.InetAddress

/** process, window, udp (real sockets on the loopback), dns and the socket.ini permissions, through ipc. */
@RunWith(RobolectricTestRunner::class)
class HostServicesTest {
  private var harness: AppHarness? = null
  private fun start(config: AppConfig? = null) = AppHarness(config).also { harness = it }
  @After fun stop() { harness?.stop() }

  private fun testConfig() = AppConfig.parse(File("src/test/app/assets/socket/config.json").readText())

  private fun granting(vararg names: String) =
    AppConfig(testConfig().values + names.associate { "permissions_allow_$it" to "true" })

  @Test fun processSeesTheAppsEnvironmentAndFilesDirectoryNotTheHosts() {
    val h = start()
    assertEquals("hello from socket.ini", str(h.data(h.ipc("process.env.get", "key=GREETING"))))
    assertEquals("the host's own variables stay hidden", Json.Null, h.data(h.ipc("process.env.get", "key=PATH")))
    assertEquals(h.activity.filesDir.path, str(h.data(h.ipc("process.cwd"))))
    assertEquals("NotSupportedError", str(h.error(h.ipc("process.open", "force=false"))["type"]))
  }

  @Test fun permissionsComeFromSocketIni() {
    val denied = start()
    val (status, answer) = denied.call("process.env.set", "key=A&value=b")
    assertEquals(403, status)
    assertEquals("NotAllowedError", str(denied.error(answer)["type"]))
    assertTrue(str(denied.error(answer)["message"]).contains("allow_env_write"))
    val (linkStatus, link) = denied.call("platform.openExternal", "value=${denied.enc("https://example.com/")}")
    assertEquals(403, linkStatus)
    assertEquals("NotAllowedError", str(denied.error(link)["type"]))
    assertNull("nothing was opened", shadowOf(denied.activity).nextStartedActivity)
    denied.stop(); harness = null

    val granted = start(granting("env_write", "open_external"))
    assertEquals("granted, then refused by what Android cannot do", "NotSupportedError",
      str(granted.error(granted.ipc("process.env.set", "key=A&value=b"))["type"]))
    assertEquals(Json.Null, granted.data(granted.ipc("platform.openExternal", "value=${granted.enc("https://example.com/a?b=c")}")))
    val intent = shadowOf(granted.activity).nextStartedActivity
    assertEquals(Intent.ACTION_VIEW, intent.action)
    assertEquals("https://example.com/a?b=c", intent.dataString)
    assertEquals("TypeError", str(granted.error(granted.ipc("platform.openExternal", "value=${granted.enc("javascript:alert(1)")}"))["type"]))
    assertNull(shadowOf(granted.activity).nextStartedActivity)
  }

  @Test fun aPermissionTheConfigDoesNotNameIsNeverGranted() {
    val h = start(AppConfig(emptyMap()))
    assertEquals(403, h.call("platform.openExternal", "value=${h.enc("https://example.com/")}").first)
  }

  @Test fun theOneWindowHasATitleAColourAndNavigates() {
    val h = start()
    val info = obj(h.data(h.ipc("window.setTitle", "value=${h.enc("Notes – 1")}")))
    assertEquals(0.0, num(info["index"]), 0.0)
    assertEquals("Notes – 1", str(info["title"]))
    assertEquals("Notes – 1", h.activity.title.toString())
    assertEquals("Notes – 1", str(h.data(h.ipc("window.getTitle"))))
    assertEquals(Json.Null, h.data(h.ipc("window.setBackgroundColor", "red=10&green=20&blue=30&alpha=1")))
    val color = obj(h.data(h.ipc("window.getBackgroundColor")))
    assertEquals(listOf(10.0, 20.0, 30.0, 1.0), listOf("red", "green", "blue", "alpha").map { num(color[it]) })
    assertEquals("RangeError", str(h.error(h.ipc("window.setBackgroundColor", "red=1&green=2&blue=3&alpha=2"))["type"]))
    h.data(h.ipc("window.navigate", "url=${h.enc("/about.html")}"))
    assertEquals("${h.app}/about.html", shadowOf(h.activity.webView).lastLoadedUrl)
    h.data(h.ipc("window.navigate", "url=${h.enc("socket://${h.activity.origin.bundleId}/b.html")}"))
    assertEquals("${h.app}/b.html", shadowOf(h.activity.webView).lastLoadedUrl)
    assertEquals("TypeError", str(h.error(h.ipc("window.navigate", "url=${h.enc("file:///etc/passwd")}"))["type"]))
  }

  @Test fun whatCannotExistOnAPhoneIsNotSupportedAndOtherWindowsAreNotFound() {
    val h = start()
    for ((route, query) in listOf("window.create" to "options=${h.enc("{\"targetWindowIndex\":1,\"url\":\"/\"}")}",
      "window.setSize" to "width=10&height=10", "window.minimize" to "", "window.hide" to "", "window.showInspector" to "")) {
      val err = h.error(h.ipc(route, query))
      assertEquals(route, "NotSupportedError", str(err["type"]))
      assertTrue(str(err["message"]), str(err["message"]).contains(route))
    }
    val other = h.error(h.ipc("window.getTitle", "targetWindowIndex=1"))
    assertEquals("NotFoundError", str(other["type"]))
    assertTrue(str(other["message"]).contains("one window, index 0"))
  }

  /** Runs the main looper until the page has been handed a script containing `needle`, or 10 s pass. */
  private fun awaitScript(h: AppHarness, needle: String): String {
    val deadline = System.nanoTime() + 10_000_000_000L
    while (System.nanoTime() < deadline) {
      shadowOf(Looper.getMainLooper()).idle()
      val script = shadowOf(h.activity.webView).lastEvaluatedJavascript
      if (script != null && script.contains(needle)) return script
      Thread.sleep(10)
    }
    throw AssertionError("no script with $needle reached the page; last: ${shadowOf(h.activity.webView).lastEvaluatedJavascript}")
  }

  @Test fun udpSocketsSendAndReceiveRealDatagramsAsEvents() {
    val h = start()
    val bound = obj(h.data(h.ipc("udp.bind", "id=11&port=0&address=127.0.0.1")))
    val port = num(bound["port"]).toInt()
    assertTrue(port > 0)
    assertEquals("IPv4", str(bound["family"]))
    assertEquals(Json.Null, h.data(h.ipc("udp.readStart", "id=11")))

    // From outside the host: a plain socket sends to the bound one.
    DatagramSocket(0, InetAddress.getByName("127.0.0.1")).use { peer ->
      peer.send(DatagramPacket(byteArrayOf(104, 105), 2, InetAddress.getByName("127.0.0.1"), port))
      val script = awaitScript(h, "\"udp.readStart\"")
      assertTrue(script, script.contains("\"data\":{\"id\":\"11\",\"port\":${peer.localPort},\"address\":\"127.0.0.1\",\"bytes\":2}"))
      assertTrue(script, script.contains(",\"aGk=\"]"))  // "hi", base64

      // And back: the host's socket sends, the plain socket receives.
      h.activity.bodies.put(h.activity.secret, "S1", java.util.Base64.getEncoder().encodeToString("pong".toByteArray()))
      val sent = h.get("${h.app}/ipc/udp.send?seq=S1&index=0&id=11&port=${peer.localPort}&address=127.0.0.1")
      assertEquals(4.0, num(obj(h.data(obj(Json.parse(h.text(sent)))))["bytes"]), 0.0)
      val packet = DatagramPacket(ByteArray(16), 16)
      peer.soTimeout = 10_000
      peer.receive(packet)
      assertEquals("pong", String(packet.data, 0, packet.length))
    }
    val state = obj(h.data(h.ipc("udp.getState", "id=11")))
    assertEquals(listOf(true, false, true, false), listOf("bound", "connected", "reading", "closed").map { (state[it] as Json.Bool).value })
    assertEquals(Json.Null, h.data(h.ipc("udp.close", "id=11")))
    assertEquals("EBADF", str(h.error(h.ipc("udp.getState", "id=11"))["code"]))
  }

  @Test fun udpErrorsAreTheWiresTypedErrors() {
    val h = start()
    h.data(h.ipc("udp.bind", "id=21&port=0&address=127.0.0.1"))
    val port = num(obj(h.data(h.ipc("udp.getSockName", "id=21")))["port"]).toInt()
    assertEquals("EADDRINUSE", str(h.error(h.ipc("udp.bind", "id=22&port=$port&address=127.0.0.1"))["code"]))
    assertEquals("EINVAL", str(h.error(h.ipc("udp.bind", "id=21&port=0&address=127.0.0.1"))["code"]))
    assertEquals("TypeError", str(h.error(h.ipc("udp.bind", "id=23&port=0&address=example.com"))["type"]))
    assertEquals("ENOTCONN", str(h.error(h.ipc("udp.getPeerName", "id=21"))["code"]))
    assertEquals("RangeError", str(h.error(h.ipc("udp.connect", "id=21&port=0&address=127.0.0.1"))["type"]))
    assertEquals("NotSupportedError", str(h.error(h.ipc("udp.addMembership", "id=21&multicastAddress=239.1.1.1"))["type"]))
    h.ipc("udp.close", "id=21")
  }

  @Test fun dnsResolvesThroughThePlatformResolver() {
    val h = start()
    val found = (h.data(h.ipc("dns.lookup", "hostname=localhost&family=4")) as Json.Arr).items.map(::obj)
    assertTrue(found.isNotEmpty())
    assertTrue(found.all { num(it["family"]) == 4.0 })
    assertTrue(found.any { str(it["address"]) == "127.0.0.1" })
    val literal = (h.data(h.ipc("dns.lookup", "hostname=::1")) as Json.Arr).items.map(::obj)
    assertEquals(listOf("::1" to 6.0), literal.map { str(it["address"]) to num(it["family"]) })
    assertEquals("ENOTFOUND", str(h.error(h.ipc("dns.lookup", "hostname=::1&family=4"))["code"]))
    assertEquals("TypeError", str(h.error(h.ipc("dns.lookup", "hostname=localhost&family=5"))["type"]))
  }
}
