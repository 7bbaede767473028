package socket.android

import android.os.Looper
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assume.assumeTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import socket.android.AppHarness.Companion.str
import socket.ipc.Json
import java.io.File

/**
 * The generator's conformance corpus (the JSON files in test/generator/conformance) replayed through the Android dispatch:
 * each input travels as the `value` of `window.send` in a real ipc request to the activity (percent-encoded in
 * the URL, parsed by the generated decoder), and what the page is handed in the evaluated event batch must be the
 * corpus's `wire` bytes, or the request must be refused with a TypeError where the corpus says native parsers
 * refuse it. test/android/host.test.ts writes the cases (hex, so no JSON parser reads them on the way in).
 */
@RunWith(RobolectricTestRunner::class)
class ConformanceTest {
  private class Case(val name: String, val input: String, val expected: String?)

  private lateinit var h: AppHarness
  @Before fun start() { h = AppHarness() }
  @After fun stop() = h.stop()

  private fun unhex(text: String) = String(ByteArray(text.length / 2) { text.substring(it * 2, it * 2 + 2).toInt(16).toByte() }, Charsets.UTF_8)

  private fun cases(): List<Case> {
    val file = File(CASES)
    assumeTrue("$CASES is written by test/android/host.test.ts (npm test)", file.exists())
    return file.readLines().filter { it.isNotEmpty() }.map { line ->
      val (name, input, expected) = line.split('\t')
      Case(unhex(name), input, if (expected == "error") null else unhex(expected))
    }
  }

  @Test fun everyCaseReachesThePageAsTheCorpusBytesOrIsRefusedAsATypeError() {
    val cases = cases()
    val delivered = StringBuilder()
    val wrong = ArrayList<String>()
    cases.forEachIndexed { i, c ->
      // The page's encoding of the argument: every byte percent-encoded.
      val value = c.input.chunked(2).joinToString("") { "%$it" }
      val (status, answer) = h.call("window.send", "event=c$i&value=$value")
      if (c.expected == null) {
        val type = (answer["err"] as? Json.Obj)?.members?.get("type")?.let(::str)
        if (type != "TypeError") wrong.add("${c.name}: expected a TypeError, got $status ${Json.Obj(LinkedHashMap(answer)).stringify()}")
      } else {
        if (answer["data"] != Json.Null) wrong.add("${c.name}: expected data null, got ${Json.Obj(LinkedHashMap(answer)).stringify()}")
        delivered.append(if (delivered.isEmpty()) "" else ",").append("[\"c$i\",${c.expected}]")
      }
    }
    assertEquals(emptyList<String>(), wrong)
    shadowOf(Looper.getMainLooper()).idle()
    assertEquals("globalThis.__socketHost?.dispatch([$delivered])", shadowOf(h.activity.webView).lastEvaluatedJavascript)
    assertEquals("one batch for every case", 1, h.activity.events.flushes)
    assertEquals(true, cases.size >= 40)
  }

  companion object {
    const val CASES = "target/conformance/cases.tsv"
  }
}
