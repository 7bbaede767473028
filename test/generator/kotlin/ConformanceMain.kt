// The Kotlin side of the conformance corpus (test/generator/conformance/*.json): each stdin line is the hex of
// one input's UTF-8 bytes; each output line is the hex of what socket.ipc writes back after parsing it, or
// "error <type>" when the parser refuses it.
fun main() {
  while (true) {
    val line = readLine() ?: break
    val bytes = ByteArray(line.length / 2) { line.substring(it * 2, it * 2 + 2).toInt(16).toByte() }
    val answer = try {
      socket.ipc.Json.parse(String(bytes, Charsets.UTF_8)).stringify().toByteArray(Charsets.UTF_8).joinToString("") { "%02x".format(it) }
    } catch (e: socket.ipc.IpcError) {
      "error ${e.type}"
    }
    println(answer)
  }
}
