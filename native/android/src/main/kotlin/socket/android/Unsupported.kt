package socket.android

import socket.ipc.IpcError
import java.lang.reflect.Proxy

/**
 * A service object that answers every route with NotSupportedError naming the route. Host services delegate to
 * it (`OsService by Unsupported.service("os")`) and override only what Android implements, so an unimplemented
 * route is always a typed refusal, never a silent stub.
 */
object Unsupported {
  inline fun <reified T : Any> service(prefix: String): T = service(T::class.java, prefix)

  fun <T : Any> service(type: Class<T>, prefix: String): T {
    val proxy = Proxy.newProxyInstance(type.classLoader, arrayOf(type)) { self, method, args ->
      when (method.name) {
        "toString" -> "Unsupported($prefix)"
        "hashCode" -> System.identityHashCode(self)
        "equals" -> self === args?.get(0)
        // A suspend method throws before it suspends: the router answers the IpcError.
        else -> throw IpcError.notSupported("$prefix.${method.name} is not supported by the Android host")
      }
    }
    return type.cast(proxy)
  }
}
