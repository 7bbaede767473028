package socket.android

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import socket.api.dns.Dns
import socket.api.process.Process
import socket.api.udp.Udp
import socket.api.window.Window
import socket.ipc.Router

/**
 * The services beyond fs and os, and the background dispatcher their blocking work runs on. One per window;
 * [close] stops its sockets and coroutines when the activity goes away.
 */
class HostServices private constructor(val scope: CoroutineScope, val udp: AndroidUdp) {
  fun close() {
    udp.closeAll()
    scope.cancel()
  }

  companion object {
    fun register(router: Router, activity: MainActivity): HostServices {
      val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
      val services = HostServices(scope, AndroidUdp(scope))
      Udp.register(router, services.udp)
      Dns.register(router, AndroidDns())
      Process.register(router, AndroidProcess(activity.config, { activity.filesDir.path }, { activity.finish() }))
      Window.register(router, AndroidWindow(activity))
      return services
    }
  }
}
