package socket.android

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.coroutines.Job
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import socket.api.udp.AddressFamily
import socket.api.udp.BindArgs
import socket.api.udp.BufferSize
import socket.api.udp.BufferSizeArgs
import socket.api.udp.CloseArgs
import socket.api.udp.ConnectArgs
import socket.api.udp.Datagram
import socket.api.udp.DisconnectArgs
import socket.api.udp.GetPeerNameArgs
import socket.api.udp.GetSockNameArgs
import socket.api.udp.GetStateArgs
import socket.api.udp.ReadStartArgs
import socket.api.udp.ReadStopArgs
import socket.api.udp.SendArgs
import socket.api.udp.SendResult
import socket.api.udp.SetBroadcastArgs
import socket.api.udp.SetTTLArgs
import socket.api.udp.SocketAddress
import socket.api.udp.SocketState
import socket.api.udp.Udp
import socket.api.udp.UdpService
import socket.ipc.Context
import socket.ipc.EventSink
import socket.ipc.IpcError
import java.io.IOException
import java.net.BindException
import java.net.DatagramPacket
import java.net.DatagramSocket
import java.net.Inet6Address
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.PortUnreachableException
import java.net.SocketException
import java.net.SocketTimeoutException
import java.util.concurrent.ConcurrentHashMap

/**
 * `udp` on Android: java.net.DatagramSocket, every blocking call on the I/O dispatcher, so neither the main
 * thread nor a WebView request thread waits on the network. Datagrams after `readStart` reach the page as the
 * wire's `data` event through the window's EventBatcher (one script per burst). Sockets belong to the window
 * and close with it. Multicast and TTL routes answer NotSupportedError (DatagramSocket has no per-socket TTL;
 * multicast needs a MulticastSocket and Android's multicast lock).
 */
class AndroidUdp(private val scope: CoroutineScope) : UdpService by Unsupported.service("udp") {
  private class Sock(val socket: DatagramSocket) {
    @Volatile var bound = false
    @Volatile var connected = false
    @Volatile var reader: Job? = null
  }

  private val sockets = ConcurrentHashMap<ULong, Sock>()

  private fun get(id: ULong, syscall: String): Sock = sockets[id] ?: throw Errno.ebadf(syscall, id)

  private fun create(id: ULong): Sock = sockets.computeIfAbsent(id) { Sock(DatagramSocket(null as java.net.SocketAddress?)) }

  /** Runs `body` on the I/O dispatcher, its socket failures mapped to the wire's errno names. */
  private suspend fun <T> net(syscall: String, body: () -> T): T = withContext(Dispatchers.IO) {
    try {
      body()
    } catch (e: SocketException) {
      throw socketError(e, syscall)
    } catch (e: IOException) {
      throw errno("EIO", e.message ?: "input/output error", syscall)
    }
  }

  override suspend fun bind(context: Context, args: BindArgs) = net("bind") {
    val address = literal(args.address)
    val sock = create(args.id)
    if (sock.bound) throw errno("EINVAL", "invalid argument", "bind")
    sock.socket.reuseAddress = args.reuseAddr
    sock.socket.bind(InetSocketAddress(address, args.port))
    sock.bound = true
    local(sock)
  }

  override suspend fun connect(context: Context, args: ConnectArgs) = net("connect") {
    if (args.port == 0) throw IpcError.rangeError("port must be 1 to 65535 to connect")
    val address = literal(args.address)
    val sock = create(args.id)
    if (sock.connected) throw errno("EISCONN", "socket is already connected", "connect")
    sock.socket.connect(InetSocketAddress(address, args.port))
    sock.bound = true
    sock.connected = true
    peer(sock)
  }

  override suspend fun disconnect(context: Context, args: DisconnectArgs): Unit = net("disconnect") {
    val sock = get(args.id, "disconnect")
    if (!sock.connected) throw errno("ENOTCONN", "socket is not connected", "disconnect")
    sock.socket.disconnect()
    sock.connected = false
  }

  override suspend fun send(context: Context, args: SendArgs) = net("send") {
    if (args.ephemeral && !sockets.containsKey(args.id)) {
      // A one-off datagram from a throwaway socket (the original's `ephemeral`, used for NAT probes).
      if (args.port == 0) throw IpcError.rangeError("port must be 1 to 65535 to send")
      DatagramSocket().use { it.send(DatagramPacket(args.data, args.data.size, literal(args.address), args.port)) }
      return@net SendResult(args.data.size.toLong())
    }
    val sock = create(args.id)
    val packet = if (sock.connected) {
      DatagramPacket(args.data, args.data.size)
    } else {
      if (args.address.isEmpty()) throw errno("EDESTADDRREQ", "destination address required", "send")
      if (args.port == 0) throw IpcError.rangeError("port must be 1 to 65535 to send")
      DatagramPacket(args.data, args.data.size, literal(args.address), args.port)
    }
    sock.socket.send(packet)
    sock.bound = true  // sending binds an unbound socket to an ephemeral port
    SendResult(args.data.size.toLong())
  }

  override suspend fun readStart(context: Context, args: ReadStartArgs): Unit = net("readStart") {
    val sock = get(args.id, "readStart")
    if (!sock.bound) throw errno("ENOTCONN", "socket is not connected", "readStart")
    val events = context.events ?: throw IpcError.notSupported("udp.readStart: this caller has no window to receive datagrams")
    if (sock.reader?.isActive != true) sock.reader = scope.launch { receive(args.id, sock, events) }
  }

  override suspend fun readStop(context: Context, args: ReadStopArgs): Unit = net("readStop") {
    get(args.id, "readStop").reader?.cancel()
  }

  override suspend fun close(context: Context, args: CloseArgs): Unit = net("close") {
    val sock = sockets.remove(args.id) ?: throw Errno.ebadf("close", args.id)
    sock.reader?.cancel()
    sock.socket.close()
  }

  override suspend fun getSockName(context: Context, args: GetSockNameArgs) = net("getsockname") {
    val sock = get(args.id, "getsockname")
    if (!sock.bound) throw Errno.ebadf("getsockname", args.id)
    local(sock)
  }

  override suspend fun getPeerName(context: Context, args: GetPeerNameArgs) = net("getpeername") {
    val sock = get(args.id, "getpeername")
    if (!sock.connected) throw errno("ENOTCONN", "socket is not connected", "getpeername")
    peer(sock)
  }

  override suspend fun getState(context: Context, args: GetStateArgs) = net("getState") {
    val sock = get(args.id, "getState")
    SocketState(args.id, sock.bound, sock.connected, sock.reader?.isActive == true, sock.socket.isClosed)
  }

  override suspend fun bufferSize(context: Context, args: BufferSizeArgs) = net("bufferSize") {
    if (args.buffer > 1) throw IpcError.rangeError("buffer must be 0 (send) or 1 (receive)")
    val socket = get(args.id, "bufferSize").socket
    if (args.size > 0) {
      if (args.buffer == 0) socket.sendBufferSize = args.size.toInt() else socket.receiveBufferSize = args.size.toInt()
    }
    BufferSize((if (args.buffer == 0) socket.sendBufferSize else socket.receiveBufferSize).toLong())
  }

  override suspend fun setBroadcast(context: Context, args: SetBroadcastArgs): Unit = net("setBroadcast") {
    get(args.id, "setBroadcast").socket.broadcast = args.flag
  }

  override suspend fun setTTL(context: Context, args: SetTTLArgs): Unit = net("setTTL") {
    if (args.ttl < 1 || args.ttl > 255) throw errno("EINVAL", "invalid argument", "setTTL")
    get(args.id, "setTTL")
    throw IpcError.notSupported("udp.setTTL is not supported by the Android host (DatagramSocket has no unicast TTL)")
  }

  /** Receives until cancelled or closed; a short timeout lets cancellation be seen between datagrams. */
  private suspend fun receive(id: ULong, sock: Sock, events: EventSink) {
    val buffer = ByteArray(65536)
    sock.socket.soTimeout = RECEIVE_POLL_MS
    while (kotlinx.coroutines.currentCoroutineContext().isActive && !sock.socket.isClosed) {
      val packet = DatagramPacket(buffer, buffer.size)
      try {
        sock.socket.receive(packet)
      } catch (e: SocketTimeoutException) {
        continue
      } catch (e: PortUnreachableException) {
        continue  // an ICMP error for an earlier send on a connected socket; the original ignores it too
      } catch (e: IOException) {
        break  // closed
      }
      val bytes = packet.data.copyOfRange(packet.offset, packet.offset + packet.length)
      Udp.emitDatagram(events, Datagram(id, packet.port, host(packet.address), bytes.size.toLong()), bytes)
    }
  }

  /** Closes every socket (the window is going away). */
  fun closeAll() {
    for (id in sockets.keys.toList()) sockets.remove(id)?.let { it.reader?.cancel(); it.socket.close() }
  }

  private fun local(sock: Sock): SocketAddress = address(sock.socket.localAddress, sock.socket.localPort)

  private fun peer(sock: Sock): SocketAddress = address(sock.socket.inetAddress, sock.socket.port)

  private fun address(address: InetAddress, port: Int) =
    SocketAddress(host(address), port, if (address is Inet6Address) AddressFamily.IPV6 else AddressFamily.IPV4)

  private fun host(address: InetAddress): String = InetText.of(address)

  companion object {
    private const val RECEIVE_POLL_MS = 200
    private val IPV4 = Regex("\\d{1,3}(\\.\\d{1,3}){3}")
    private val IPV6 = Regex("[0-9A-Fa-f:.]+")

    /** A numeric address only: a host name here would block on DNS (use dns.lookup first). */
    fun literal(address: String): InetAddress {
      val numeric = IPV4.matches(address) || (address.contains(':') && IPV6.matches(address))
      if (!numeric) throw IpcError.typeError("'$address' is not a numeric IPv4 or IPv6 address")
      return try { InetAddress.getByName(address) } catch (e: java.net.UnknownHostException) {
        throw IpcError.typeError("'$address' is not a numeric IPv4 or IPv6 address")
      }
    }

    fun errno(code: String, text: String, syscall: String) = IpcError("ErrnoError", "$code: $text, $syscall", code)

    fun socketError(e: SocketException, syscall: String): IpcError = when {
      e is BindException && e.message?.contains("in use", ignoreCase = true) == true -> errno("EADDRINUSE", "address already in use", syscall)
      e is BindException -> errno("EADDRNOTAVAIL", "cannot assign requested address", syscall)
      e is PortUnreachableException -> errno("ECONNREFUSED", "connection refused", syscall)
      e.message?.contains("unreachable", ignoreCase = true) == true -> errno("ENETUNREACH", "network is unreachable", syscall)
      else -> errno("EIO", e.message ?: "input/output error", syscall)
    }
  }
}
