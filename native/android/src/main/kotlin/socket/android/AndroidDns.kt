package socket.android

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import socket.api.dns.DnsService
import socket.api.dns.LookupAddress
import socket.api.dns.LookupArgs
import socket.ipc.Context
import socket.ipc.IpcError
import java.net.Inet4Address
import java.net.Inet6Address
import java.net.InetAddress
import java.net.UnknownHostException

/**
 * `dns.lookup` on Android: InetAddress.getAllByName (the platform resolver: hosts file and DNS) on the I/O
 * dispatcher, never the main thread. Failures are shaped as on Linux (Node's ENOTFOUND).
 */
class AndroidDns : DnsService {
  override suspend fun lookup(context: Context, args: LookupArgs): List<LookupAddress> {
    if (args.family != 0 && args.family != 4 && args.family != 6) throw IpcError.typeError("family must be 0, 4 or 6")
    if (args.hostname.isEmpty()) throw notFound(args.hostname)
    val found = withContext(Dispatchers.IO) {
      try { InetAddress.getAllByName(args.hostname).toList() } catch (e: UnknownHostException) { emptyList() }
    }
    val addresses = found.mapNotNull { address ->
      when {
        address is Inet4Address && args.family != 6 -> LookupAddress(InetText.of(address), 4)
        address is Inet6Address && args.family != 4 -> LookupAddress(InetText.of(address), 6)
        else -> null
      }
    }
    if (addresses.isEmpty()) throw notFound(args.hostname)
    return addresses
  }

  private fun notFound(hostname: String) = IpcError("ErrnoError", "getaddrinfo ENOTFOUND $hostname", "ENOTFOUND")
}
