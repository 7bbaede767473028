package socket.android

import org.junit.Assert.assertEquals
import org.junit.Test
import java.net.InetAddress

class InetTextTest {
  private fun text(literal: String) = InetText.of(InetAddress.getByName(literal))

  @Test fun writesAddressesAsInetNtopDoes() {
    assertEquals("127.0.0.1", text("127.0.0.1"))
    assertEquals("::1", text("0:0:0:0:0:0:0:1"))
    assertEquals("::", text("0:0:0:0:0:0:0:0"))
    assertEquals("fe80::1", text("fe80:0:0:0:0:0:0:1"))
    assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"))
    assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"))
  }
}
