package socket.android

import android.webkit.WebResourceResponse
import org.junit.Assert.assertTrue
import org.robolectric.Robolectric
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import socket.ipc.Json

/** The test app's activity started on Robolectric, with the requests its page would make. */
class AppHarness(config: AppConfig? = null) {
  val controller: ActivityController<TestAppActivity>
  val activity: TestAppActivity

  init {
    TestAppActivity.nextConfig = config
    try {
      controller = Robolectric.buildActivity(TestAppActivity::class.java).setup()
    } finally {
      TestAppActivity.nextConfig = null
    }
    activity = controller.get()
    // The engine would call this when it starts loading the page the activity asked for.
    activity.client.onPageStarted(activity.webView, shadowOf(activity.webView).lastLoadedUrl, null)
  }

  val app: String get() = activity.origin.origin
  val fromApp: Map<String, String> get() = mapOf("Origin" to app, "Referer" to "$app/index.html")

  fun stop() { controller.pause().stop().destroy() }

  fun get(url: String, headers: Map<String, String> = fromApp, mainFrame: Boolean = false): WebResourceResponse =
    activity.client.shouldInterceptRequest(activity.webView, AppRequest(url, headers, mainFrame))!!

  fun text(response: WebResourceResponse) = String(response.data.readBytes(), Charsets.UTF_8)

  /** Calls `route` as the app's page does and returns the answer's status and members. */
  fun call(route: String, query: String = ""): Pair<Int, Map<String, Json>> {
    val response = get("$app/ipc/$route?seq=R1&index=0" + (if (query.isEmpty()) "" else "&$query"))
    return response.statusCode to (Json.parse(text(response)) as Json.Obj).members
  }

  fun ipc(route: String, query: String = ""): Map<String, Json> = call(route, query).second

  /** The answer's data, failing with the answer when it is an error. */
  fun data(answer: Map<String, Json>): Json {
    assertTrue("expected data, got ${Json.Obj(LinkedHashMap(answer)).stringify()}", answer.containsKey("data"))
    return answer["data"]!!
  }

  fun error(answer: Map<String, Json>): Map<String, Json> {
    assertTrue("expected an error, got ${Json.Obj(LinkedHashMap(answer)).stringify()}", answer.containsKey("err"))
    return (answer["err"] as Json.Obj).members
  }

  /** The page's URL-encoding of an argument. */
  fun enc(value: String): String = java.net.URLEncoder.encode(value, "UTF-8").replace("+", "%20")

  companion object {
    fun str(json: Json?) = (json as Json.Str).value
    fun num(json: Json?) = (json as Json.Num).value
    fun obj(json: Json?) = (json as Json.Obj).members
  }
}
