package socket.android

import java.net.Inet6Address
import java.net.InetAddress

/** An address as inet_ntop writes it (the Linux host's form): IPv6 compressed per RFC 5952, no scope suffix. */
object InetText {
  fun of(address: InetAddress): String {
    if (address !is Inet6Address) return address.hostAddress!!
    val bytes = address.address
    val groups = IntArray(8) { ((bytes[it * 2].toInt() and 0xff) shl 8) or (bytes[it * 2 + 1].toInt() and 0xff) }
    // The longest run of two or more zero groups (the first of equal ones) becomes "::".
    var bestStart = -1
    var bestLength = 1
    var i = 0
    while (i < 8) {
      if (groups[i] != 0) { i++; continue }
      val start = i
      while (i < 8 && groups[i] == 0) i++
      if (i - start > bestLength) { bestStart = start; bestLength = i - start }
    }
    if (bestStart == 0 && bestLength == 5 && groups[5] == 0xffff) {
      return "::ffff:" + (12..15).joinToString(".") { (bytes[it].toInt() and 0xff).toString() }
    }
    val hex = groups.map { Integer.toHexString(it) }
    if (bestStart < 0) return hex.joinToString(":")
    return hex.subList(0, bestStart).joinToString(":") + "::" + hex.subList(bestStart + bestLength, 8).joinToString(":")
  }
}
