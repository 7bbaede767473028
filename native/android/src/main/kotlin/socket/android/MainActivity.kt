package socket.android

import android.annotation.SuppressLint
import android.app.Activity
import android.os.Bundle
import android.util.Base64
import android.webkit.JavascriptInterface
import android.webkit.WebView
import socket.api.fs.Fs
import socket.api.os.Os
import socket.ipc.Router

/**
 * The app's one window: a WebView showing `https://<bundle-id>.socket.local/index.html`. The bundle id comes
 * from the manifest's `socket.bundle_id` meta-data (written by `ssc build`), falling back to the package name.
 */
open class MainActivity : Activity() {
  lateinit var webView: WebView
    private set
  lateinit var client: SocketWebViewClient
    private set
  lateinit var bridge: IpcBridge
    private set
  lateinit var origin: AppOrigin
    private set
  private lateinit var fs: AndroidFs

  lateinit var config: AppConfig
    private set
  lateinit var events: EventBatcher
    private set
  lateinit var console: ConsoleChannel
    private set
  lateinit var bodies: BodyChannel
    private set
  /** What proves a JavaScript-interface call comes from the app's own page: only its preload holds it. */
  lateinit var secret: String
    private set
  private lateinit var services: HostServices

  @SuppressLint("SetJavaScriptEnabled")
  override fun onCreate(savedInstanceState: Bundle?) {
    super.onCreate(savedInstanceState)
    origin = AppOrigin(bundleId())
    config = appConfig()
    val router = Router()
    fs = AndroidFs(Sandbox(listOf(filesDir, cacheDir)))
    Fs.register(router, fs)
    Os.register(router, AndroidOs(this))
    services = HostServices.register(router, this)
    bridge = IpcBridge(origin, router, config.permissions) { events }
    secret = ConsoleChannel.newSecret()
    console = ConsoleChannel(secret, "socket:${origin.bundleId}")
    client = SocketWebViewClient(origin, appAssets(), bridge, Preload.script(origin, config.values, secret = secret))
    webView = WebView(this)
    webView.settings.javaScriptEnabled = true
    webView.settings.allowFileAccess = false
    webView.settings.allowContentAccess = false
    webView.webViewClient = client
    bodies = BodyChannel(bridge, secret)
    webView.addJavascriptInterface(bodies, "__socketIpcBody")
    webView.addJavascriptInterface(console, "__socketConsole")
    events = EventBatcher(origin, { client.pageUrl }, { script -> webView.evaluateJavascript(script, null) })
    setContentView(webView)
    webView.loadUrl(origin.pageUrl())
  }

  override fun onDestroy() {
    fs.closeAll()
    services.close()
    events.close()
    webView.destroy()
    super.onDestroy()
  }

  /** The app's flattened socket.ini: the APK's assets/socket/config.json. */
  protected open fun appConfig(): AppConfig = AppConfig.of(assets)

  /** Where the app's files come from: the APK's assets/app/. */
  protected open fun appAssets(): AppAssets = AppAssets.of(assets)

  private fun bundleId(): String {
    val info = packageManager.getApplicationInfo(packageName, android.content.pm.PackageManager.GET_META_DATA)
    return info.metaData?.getString("socket.bundle_id") ?: packageName
  }

  /**
   * Hands a request body to native before its fetch (shouldInterceptRequest cannot see bodies). Every frame sees
   * this interface, so a call must carry the page's secret: a foreign frame cannot plant the body of a request
   * the app is about to make. The preload's `__socketHost.putBody(seq, base64)` adds it.
   */
  class BodyChannel(private val bridge: IpcBridge, private val secret: String) {
    @Volatile var refused = 0
      private set

    @JavascriptInterface
    fun put(secret: String?, seq: String, base64: String) {
      if (secret != this.secret) { refused++; return }
      bridge.putBody(seq, Base64.decode(base64, Base64.NO_WRAP))
    }
  }
}
