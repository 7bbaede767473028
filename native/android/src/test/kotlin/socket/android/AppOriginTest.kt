package socket.android

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

class AppOriginTest {
  private val origin = AppOrigin("com.Example.app")

  @Test fun mapsSocketUrlsToTheBundleHost() {
    assertEquals("https://com.example.app.socket.local", origin.origin)
    assertEquals("https://com.example.app.socket.local/a/b.html", origin.fromSocketUrl("socket://com.Example.app/a/b.html"))
    assertEquals("https://other/", origin.fromSocketUrl("https://other/"))
  }

  @Test fun ownsOnlyItsOwnHttpsOrigin() {
    assertTrue(origin.owns("https://com.example.app.socket.local/x"))
    assertTrue(origin.owns("HTTPS://COM.EXAMPLE.APP.SOCKET.LOCAL"))
    assertFalse(origin.owns("http://com.example.app.socket.local/"))
    assertFalse(origin.owns("https://com.example.app.socket.local.evil.example/"))
    assertFalse(origin.owns("https://com.example.app.socket.local:8443/"))
    assertFalse(origin.owns("https://evil.example/?https://com.example.app.socket.local"))
    assertFalse(origin.owns("not a url"))
    assertFalse(origin.owns(null))
  }

  @Test(expected = IllegalArgumentException::class) fun rejectsABundleIdThatIsNotAHostName() {
    AppOrigin("evil.example/x")
  }
}
