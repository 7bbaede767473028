package socket.android

import android.webkit.WebResourceResponse
import org.junit.After
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import socket.ipc.Json
import java.io.File

/**
 * Robolectric reads an app's assets only from an aapt-built resource package, which cannot be made here (no
 * Android SDK), so the activity under test reads the same assets/app/ layout from the test app's directory.
 * Everything else is the real MainActivity on the real framework classes.
 */
class TestAppActivity : MainActivity() {
  override fun appAssets(): AppAssets = AppAssets.of(File("src/test/app/assets/app"))
  override fun appConfig(): AppConfig = nextConfig ?: AppConfig.parse(File("src/test/app/assets/socket/config.json").readText())

  companion object {
    /** A socket.ini the next activity gets instead of the test app's (for the permission tests). */
    var nextConfig: AppConfig? = null
  }
}

@RunWith(RobolectricTestRunner::class)
class AndroidHostTest {
  // The origin of the bundle id the activity found (its manifest meta-data, else its package name).
  private val app get() = activity.origin.origin
  private val fromApp get() = mapOf("Origin" to app, "Referer" to "$app/index.html")
  private lateinit var controller: ActivityController<TestAppActivity>
  private lateinit var activity: TestAppActivity

  @Before fun start() {
    controller = Robolectric.buildActivity(TestAppActivity::class.java).setup()
    activity = controller.get()
    // The engine would call this when it starts loading the page the activity asked for.
    activity.client.onPageStarted(activity.webView, shadowOf(activity.webView).lastLoadedUrl, null)
  }

  @After fun stop() { controller.pause().stop().destroy() }

  private fun get(url: String, headers: Map<String, String> = fromApp, mainFrame: Boolean = false): WebResourceResponse =
    activity.client.shouldInterceptRequest(activity.webView, AppRequest(url, headers, mainFrame))!!

  private fun text(response: WebResourceResponse) = String(response.data.readBytes(), Charsets.UTF_8)

  private fun ipc(route: String, query: String = "", headers: Map<String, String> = fromApp, mainFrame: Boolean = false): Map<String, Json> {
    val response = get("$app/ipc/$route?seq=R1&index=0" + (if (query.isEmpty()) "" else "&$query"), headers, mainFrame)
    assertEquals("application/json", response.mimeType)
    return (Json.parse(text(response)) as Json.Obj).members
  }

  private fun error(answer: Map<String, Json>): Map<String, Json> {
    assertTrue("expected an error, got ${Json.Obj(LinkedHashMap(answer)).stringify()}", answer.containsKey("err"))
    return (answer["err"] as Json.Obj).members
  }

  private fun str(json: Json?) = (json as Json.Str).value

  @Test fun loadsTheAppPageFromTheBundleOrigin() {
    assertEquals("$app/index.html", shadowOf(activity.webView).lastLoadedUrl)
    assertTrue(activity.webView.settings.javaScriptEnabled)
  }

  @Test fun servesAnAppPageFromAssetsWithThePreloadFirst() {
    val response = get("$app/index.html", emptyMap(), mainFrame = true)
    assertEquals(200, response.statusCode)
    assertEquals("text/html", response.mimeType)
    val html = text(response)
    assertTrue(html, html.contains("<h1>Hello from the app</h1>"))
    val preload = html.indexOf("'__args'")
    assertTrue("no preload in $html", preload > 0)
    assertTrue("preload after the page's script", preload < html.indexOf("src=\"index.js\""))
    assertTrue(html.contains("platform: 'android'"))
  }

  @Test fun servesOtherAppFilesUnchangedAndMissingOnesAs404() {
    val script = get("$app/index.js")
    assertEquals("text/javascript", script.mimeType)
    assertEquals(File("src/test/app/assets/app/index.js").readText(), text(script))
    val missing = get("$app/nope.html")
    assertEquals(404, missing.statusCode)
    assertEquals("NotFoundError", str(error(Json.parse(text(missing)).let { (it as Json.Obj).members })["type"]))
    assertEquals(404, get("$app/../../etc/passwd").statusCode)
    assertNull("other hosts are left to the WebView", activity.client.shouldInterceptRequest(activity.webView, AppRequest("https://example.com/")))
  }

  @Test fun answersOsRoutes() {
    val uname = (ipc("os.uname")["data"] as Json.Obj).members
    assertEquals("Linux", str(uname["sysname"]))
    assertTrue(str(uname["version"]).startsWith("Android"))
    val paths = (ipc("os.paths")["data"] as Json.Obj).members
    assertEquals(activity.filesDir.path, str(paths["home"]))
    assertEquals(activity.cacheDir.path, str(paths["cache"]))
    assertEquals("os.uname", str(ipc("os.uname")["source"]))
    assertEquals("R1", str(ipc("os.uname")["token"]))
  }

  @Test fun writesAndReadsAFileInTheSandbox() {
    val bytes = "hello, android\n".toByteArray()
    assertEquals(Json.Null, ipc("fs.mkdir", "path=notes&mode=493&recursive=true")["data"])
    ipc("fs.open", "id=7&path=notes%2Fa.txt&flags=${0x241}&mode=420").let { assertNotNull(it["data"]) }
    // What the page does before its fetch: hand the body over through the JavaScript interface.
    activity.bodies.put(activity.secret, "W1", java.util.Base64.getEncoder().encodeToString(bytes))
    val written = get("$app/ipc/fs.write?seq=W1&index=0&id=7")
    assertEquals(bytes.size.toDouble(), ((Json.parse(text(written)) as Json.Obj).members["data"] as Json.Obj).members["bytes"].let { (it as Json.Num).value }, 0.0)
    ipc("fs.close", "id=7").let { assertEquals(Json.Null, it["data"]) }
    assertArrayEquals(bytes, File(activity.filesDir, "notes/a.txt").readBytes())

    ipc("fs.open", "id=8&path=${activity.filesDir.path}%2Fnotes%2Fa.txt&flags=0&mode=0")
    val read = get("$app/ipc/fs.read?seq=R2&index=0&id=8&size=100&offset=0")
    assertEquals("application/octet-stream", read.mimeType)
    assertArrayEquals(bytes, read.data.readBytes())
    val stat = (ipc("fs.stat", "path=notes%2Fa.txt")["data"] as Json.Obj).members
    assertEquals(bytes.size.toString(), str(stat["size"]))
    ipc("fs.close", "id=8")
  }

  @Test fun refusesPathsOutsideTheSandbox() {
    for (path in listOf("/etc/hostname", "../../../../etc/hostname", "${activity.filesDir.path}/../x")) {
      val err = error(ipc("fs.open", "id=9&path=${java.net.URLEncoder.encode(path, "UTF-8")}&flags=0&mode=0"))
      assertEquals("NotAllowedError", str(err["type"]))
      assertTrue(str(err["message"]), str(err["message"]).contains("'$path' is outside the app's sandbox"))
    }
    assertEquals("NotAllowedError", str(error(ipc("fs.stat", "path=%2Fproc%2Fself%2Fenviron"))["type"]))
    assertEquals("NotAllowedError", str(error(ipc("fs.mkdir", "path=%2Ftmp%2Fsocket-android-escape-check&mode=493&recursive=true"))["type"]))
    assertTrue(!File("/tmp/socket-android-escape-check").exists())
  }

  @Test fun refusesForeignOriginsNavigationsAndForeignPages() {
    val foreign = get("$app/ipc/os.uname?seq=R1&index=0", mapOf("Origin" to "https://evil.example", "Referer" to "https://evil.example/"))
    assertEquals(403, foreign.statusCode)
    val err = error((Json.parse(text(foreign)) as Json.Obj).members)
    assertEquals("NotAllowedError", str(err["type"]))
    assertTrue(str(err["message"]).contains("https://evil.example"))
    assertEquals(403, get("$app/ipc/os.uname?seq=R1", emptyMap()).statusCode)
    assertEquals(403, get("$app/ipc/os.uname?seq=R1", fromApp, mainFrame = true).statusCode)
    assertEquals(403, get("$app/ipc/os.uname?seq=R1", mapOf("Origin" to "null", "Referer" to "http://${activity.origin.host}/")).statusCode)

    activity.client.onPageStarted(activity.webView, "https://evil.example/", null)
    assertEquals(403, get("$app/ipc/os.uname?seq=R1", fromApp).statusCode)
  }

  @Test fun mapsErrorsToTheWiresTypedErrors() {
    val missing = error(ipc("fs.stat", "path=nothing-here"))
    assertEquals("ErrnoError", str(missing["type"]))
    assertEquals("ENOENT", str(missing["code"]))
    assertEquals("EBADF", str(error(ipc("fs.read", "id=404&size=1"))["code"]))
    assertEquals("TypeError", str(error(ipc("fs.stat"))["type"]))
    assertEquals("RangeError", str(error(ipc("fs.read", "id=1&size=-1"))["type"]))
    val unknown = get("$app/ipc/os.nope?seq=R1", fromApp)
    assertEquals(404, unknown.statusCode)
    assertEquals("NotFoundError", str(error((Json.parse(text(unknown)) as Json.Obj).members)["type"]))
    val unsupported = error(ipc("os.cpus"))
    assertEquals("NotSupportedError", str(unsupported["type"]))
    assertTrue(str(unsupported["message"]).contains("os.cpus"))
    assertEquals("NotSupportedError", str(error(ipc("fs.symlink", "src=a&dest=b"))["type"]))
  }
}
