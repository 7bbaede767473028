// Runs the generated Kotlin dispatcher (generated/kotlin) on the JVM: each stdin line is `<uri>\t<base64 body>`;
// each answer is printed as `<status>\t<content-type>\t<body>` with the random reply id blanked, and events the
// service emits are printed as `event\t<name>\t<json>`. The service records what it was given and echoes it.
// A line `+<name> <uri>` is dispatched with a policy that grants the permission <name>; other lines with none.
import socket.api.udp.AddMembershipArgs
import socket.api.udp.AddressFamily
import socket.api.udp.BindArgs
import socket.api.udp.BufferSizeArgs
import socket.api.udp.CloseArgs
import socket.api.udp.ConnectArgs
import socket.api.udp.Datagram
import socket.api.udp.DisconnectArgs
import socket.api.udp.DropMembershipArgs
import socket.api.udp.GetPeerNameArgs
import socket.api.udp.GetSockNameArgs
import socket.api.udp.GetStateArgs
import socket.api.udp.ReadStartArgs
import socket.api.udp.ReadStopArgs
import socket.api.udp.SendArgs
import socket.api.udp.SendResult
import socket.api.udp.SetBroadcastArgs
import socket.api.udp.SetMulticastInterfaceArgs
import socket.api.udp.SetMulticastLoopbackArgs
import socket.api.udp.SetMulticastTTLArgs
import socket.api.udp.SetTTLArgs
import socket.api.udp.SocketAddress
import socket.api.udp.SocketState
import socket.api.udp.Udp
import socket.api.udp.UdpService
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import socket.api.fs.Fs
import socket.api.fs.FsService
import socket.ipc.Context
import socket.ipc.EventSink
import socket.ipc.Json
import socket.ipc.Message
import socket.ipc.IpcError
import socket.ipc.Router

class PrintingEvents : EventSink {
  override fun emit(name: String, detail: Json) = println("event\t$name\t${detail.stringify()}")
  override fun emitBinary(name: String, params: Json, bytes: ByteArray) =
    println("event\t$name\t${params.stringify()}\t${java.util.Base64.getEncoder().encodeToString(bytes)}")
}

class EchoUdp : UdpService {
  override suspend fun bind(context: Context, args: BindArgs) =
    SocketAddress(args.address, args.port, if (args.address.contains(':')) AddressFamily.IPV6 else AddressFamily.IPV4)
  override suspend fun connect(context: Context, args: ConnectArgs) = SocketAddress(args.address, args.port, AddressFamily.IPV4)
  override suspend fun disconnect(context: Context, args: DisconnectArgs) {}
  override suspend fun send(context: Context, args: SendArgs) = SendResult(args.data.size.toLong())
  override suspend fun readStart(context: Context, args: ReadStartArgs) {
    // Suspends for real before answering: the router must wait for the result.
    delay(1)
    Udp.emitDatagram(context.events!!, Datagram(args.id, 4242, "10.0.0.1", 3), byteArrayOf(1, 2, 3))
  }
  override suspend fun readStop(context: Context, args: ReadStopArgs) {}
  override suspend fun close(context: Context, args: CloseArgs) {}
  override suspend fun getSockName(context: Context, args: GetSockNameArgs) = SocketAddress("127.0.0.1", 1, AddressFamily.IPV4)
  override suspend fun getPeerName(context: Context, args: GetPeerNameArgs) = SocketAddress("127.0.0.1", 2, AddressFamily.IPV4)
  override suspend fun getState(context: Context, args: GetStateArgs) = SocketState(args.id, true, false, true, false)
  override suspend fun bufferSize(context: Context, args: BufferSizeArgs) = option("bufferSize")
  // The socket-option routes are not exercised by this test.
  private fun option(name: String): Nothing = throw IpcError.notSupported("$name: not supported by this test service")
  override suspend fun addMembership(context: Context, args: AddMembershipArgs) = option("addMembership")
  override suspend fun dropMembership(context: Context, args: DropMembershipArgs) = option("dropMembership")
  override suspend fun setMulticastTTL(context: Context, args: SetMulticastTTLArgs) = option("setMulticastTTL")
  override suspend fun setMulticastLoopback(context: Context, args: SetMulticastLoopbackArgs) = option("setMulticastLoopback")
  override suspend fun setMulticastInterface(context: Context, args: SetMulticastInterfaceArgs) = option("setMulticastInterface")
  override suspend fun setBroadcast(context: Context, args: SetBroadcastArgs) = option("setBroadcast")
  override suspend fun setTTL(context: Context, args: SetTTLArgs) = option("setTTL")
}

// child_process ([Permission=child_process]): kill answers once it is let through; exec throws.
class KillOnlyChildProcess : socket.api.child_process.ChildProcessService {
  override suspend fun spawn(context: Context, args: socket.api.child_process.SpawnArgs) = throw IpcError.notSupported("spawn")
  // A service that throws something other than an IpcError: the router must answer InternalError and keep serving.
  override suspend fun exec(context: Context, args: socket.api.child_process.ExecArgs) = throw IllegalStateException("service failed")
  override suspend fun kill(context: Context, args: socket.api.child_process.KillArgs) {}
  override suspend fun write(context: Context, args: socket.api.child_process.WriteArgs) = throw IpcError.notSupported("write")
}

class Grants(private val names: Set<String>) : socket.ipc.PermissionPolicy {
  override fun allows(permission: String): Boolean = permission in names
}

fun main() {
  val router = Router()
  Udp.register(router, EchoUdp())
  socket.api.child_process.ChildProcess.register(router, KillOnlyChildProcess())
  // fs is registered only to prove that every generated capability links; its service is never called here.
  val unusedFs: FsService? = null
  if (unusedFs != null) Fs.register(router, unusedFs)
  val events = PrintingEvents()
  // Blanks the envelope's random id (it follows the token), not ids inside the data.
  val idPattern = Regex("(\"token\":(null|\"[^\"]*\"),\"id\":)\"[0-9]+\"")
  while (true) {
    var line = readLine() ?: break
    var grants: Grants? = null
    if (line.startsWith("+")) {
      grants = Grants(setOf(line.substring(1, line.indexOf(' '))))
      line = line.substring(line.indexOf(' ') + 1)
    }
    val parts = line.split('\t')
    val body = if (parts.size > 1) java.util.Base64.getDecoder().decode(parts[1]) else ByteArray(0)
    val message = try { Message.parse(parts[0], body) } catch (e: socket.ipc.IpcError) { println("400\t\t${e.message}"); continue }
    val response = runBlocking { router.dispatch(message, Context(message.index, message.seq, events, grants)) }
    val text = if (response.contentType == "application/json") String(response.body, Charsets.UTF_8).replace(idPattern, "\$1\"\"")
    else java.util.Base64.getEncoder().encodeToString(response.body)
    println("${response.status}\t${response.contentType}\t$text")
  }
}
