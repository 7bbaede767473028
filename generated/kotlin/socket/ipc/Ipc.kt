// Support code the generated Kotlin bindings compile against: the Android host's twin of native/ipc.
// Kotlin 2.x with kotlinx.coroutines (both from Maven Central); the wire codec is the `Json` tree below with the
// typed `Decode`/`Encode` helpers (docs/generator.md, "The Kotlin codec"). Copied verbatim into
// generated/kotlin/socket/ipc/Ipc.kt by `npm run gen`.
package socket.ipc

/** A JSON value. Objects keep insertion order so replies are stable. */
sealed class Json {
  object Null : Json()
  data class Bool(val value: Boolean) : Json()
  data class Num(val value: Double) : Json()
  data class Str(val value: String) : Json()
  data class Arr(val items: List<Json>) : Json()
  data class Obj(val members: LinkedHashMap<String, Json>) : Json()

  fun stringify(): String {
    val out = StringBuilder()
    write(out)
    return out.toString()
  }

  fun write(out: StringBuilder) {
    when (this) {
      is Null -> out.append("null")
      is Bool -> out.append(if (value) "true" else "false")
      is Num -> writeNumber(out, value)
      is Str -> writeString(out, value)
      is Arr -> {
        out.append('[')
        items.forEachIndexed { i, item -> if (i > 0) out.append(','); item.write(out) }
        out.append(']')
      }
      is Obj -> {
        out.append('{')
        var first = true
        for ((key, member) in members) {
          if (!first) out.append(',')
          first = false
          writeString(out, key)
          out.append(':')
          member.write(out)
        }
        out.append('}')
      }
    }
  }

  companion object {
    fun obj(vararg members: Pair<String, Json>): Json = Obj(linkedMapOf(*members))

    fun parse(text: String): Json {
      val parser = JsonParser(text)
      parser.space()
      val value = parser.value(0)
      parser.space()
      if (parser.pos != text.length) throw parser.fail("unexpected trailing characters")
      return value
    }

    /**
     * ECMAScript's Number::toString (what JSON.stringify writes), so every backend emits the same bytes: the
     * shortest round-tripping digits, plain notation for exponents from -7 to 20 (1e20 is
     * "100000000000000000000", 1e21 is "1e+21"), and -0 as "0".
     */
    fun writeNumber(out: StringBuilder, value: Double) {
      if (value.isNaN() || value.isInfinite()) { out.append("null"); return }
      if (value == 0.0) { out.append('0'); return }
      if (value < 0) out.append('-')
      // The fewest significant digits that read back as the same double, rounded from its exact value (Java
      // before 19 does not always print the shortest form itself).
      val exact = java.math.BigDecimal(Math.abs(value))
      var decimal = exact
      for (precision in 1..17) {
        val rounded = exact.round(java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN))
        if (rounded.toDouble() == Math.abs(value)) { decimal = rounded; break }
      }
      decimal = decimal.stripTrailingZeros()
      val digits = decimal.unscaledValue().toString()
      val k = digits.length
      val point = k - decimal.scale()  // value = 0.digits × 10^point
      when {
        point in k..21 -> { out.append(digits); repeat(point - k) { out.append('0') } }
        point in 1..21 -> out.append(digits, 0, point).append('.').append(digits, point, k)
        point in -5..0 -> { out.append("0."); repeat(-point) { out.append('0') }; out.append(digits) }
        else -> {
          out.append(digits[0])
          if (k > 1) out.append('.').append(digits, 1, k)
          out.append('e').append(if (point - 1 >= 0) '+' else '-').append(Math.abs(point - 1))
        }
      }
    }

    fun writeString(out: StringBuilder, value: String) {
      out.append('"')
      for (i in value.indices) {
        val c = value[i]
        when {
          c == '"' -> out.append("\\\"")
          c == '\\' -> out.append("\\\\")
          c == '\n' -> out.append("\\n")
          c == '\r' -> out.append("\\r")
          c == '\t' -> out.append("\\t")
          c == '\b' -> out.append("\\b")
          c == '\u000C' -> out.append("\\f")
          c < ' ' -> out.append(String.format("\\u%04x", c.code))
          // A lone surrogate cannot be UTF-8: U+FFFD, as USVString conversion does (C++ never holds one).
          Character.isHighSurrogate(c) && !(i + 1 < value.length && Character.isLowSurrogate(value[i + 1])) -> out.append('\uFFFD')
          Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(value[i - 1])) -> out.append('\uFFFD')
          else -> out.append(c)
        }
      }
      out.append('"')
    }
  }
}

private class JsonParser(val text: String) {
  var pos = 0

  fun fail(why: String): IpcError = IpcError("TypeError", "$why at offset $pos")

  fun space() {
    while (pos < text.length && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) pos++
  }

  fun value(depth: Int): Json {
    if (depth > 64) throw fail("nesting too deep")
    if (pos >= text.length) throw fail("unexpected end of input")
    return when (text[pos]) {
      'n' -> literal("null", Json.Null)
      't' -> literal("true", Json.Bool(true))
      'f' -> literal("false", Json.Bool(false))
      '"' -> Json.Str(string())
      '[' -> array(depth)
      '{' -> obj(depth)
      else -> number()
    }
  }

  private fun literal(word: String, value: Json): Json {
    if (!text.startsWith(word, pos)) throw fail("invalid literal")
    pos += word.length
    return value
  }

  private fun number(): Json {
    val match = Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?").find(text.substring(pos))
    if (match == null || match.range.first != 0) throw fail("invalid number")
    pos += match.value.length
    val value = match.value.toDouble()
    if (value.isInfinite()) throw fail("number out of range")
    return Json.Num(value)
  }

  private fun string(): String {
    pos++
    val out = StringBuilder()
    while (true) {
      if (pos >= text.length) throw fail("unterminated string")
      val c = text[pos++]
      if (c == '"') break
      if (c < ' ') throw fail("control character in string")
      if (c != '\\') { out.append(c); continue }
      if (pos >= text.length) throw fail("unterminated string")
      when (val e = text[pos++]) {
        '"' -> out.append('"')
        '\\' -> out.append('\\')
        '/' -> out.append('/')
        'b' -> out.append('\b')
        'f' -> out.append('\u000C')
        'n' -> out.append('\n')
        'r' -> out.append('\r')
        't' -> out.append('\t')
        'u' -> {
          if (pos + 4 > text.length) throw fail("invalid \\u escape")
          val code = text.substring(pos, pos + 4).toIntOrNull(16) ?: throw fail("invalid \\u escape")
          pos += 4
          // A surrogate escape must be a high one followed by an escaped low one, as native/ipc/json.cc requires.
          if (code in 0xD800..0xDBFF) {
            if (!text.startsWith("\\u", pos) || pos + 6 > text.length) throw fail("lone surrogate in string")
            val low = text.substring(pos + 2, pos + 6).toIntOrNull(16) ?: throw fail("invalid \\u escape")
            if (low !in 0xDC00..0xDFFF) throw fail("lone surrogate in string")
            pos += 6
            out.append(code.toChar()).append(low.toChar())
          } else if (code in 0xDC00..0xDFFF) {
            throw fail("lone surrogate in string")
          } else {
            out.append(code.toChar())
          }
        }
        else -> throw fail("invalid escape '$e' in string")
      }
    }
    return out.toString()
  }

  private fun array(depth: Int): Json {
    pos++
    val items = ArrayList<Json>()
    space()
    if (pos < text.length && text[pos] == ']') { pos++; return Json.Arr(items) }
    while (true) {
      space()
      items.add(value(depth + 1))
      space()
      if (pos >= text.length) throw fail("unterminated array")
      val c = text[pos++]
      if (c == ']') return Json.Arr(items)
      if (c != ',') throw fail("expected ',' or ']'")
    }
  }

  private fun obj(depth: Int): Json {
    pos++
    val members = LinkedHashMap<String, Json>()
    space()
    if (pos < text.length && text[pos] == '}') { pos++; return Json.Obj(members) }
    while (true) {
      space()
      if (pos >= text.length || text[pos] != '"') throw fail("expected a string key")
      val key = string()
      space()
      if (pos >= text.length || text[pos] != ':') throw fail("expected ':'")
      pos++
      space()
      members[key] = value(depth + 1)
      space()
      if (pos >= text.length) throw fail("unterminated object")
      val c = text[pos++]
      if (c == '}') return Json.Obj(members)
      if (c != ',') throw fail("expected ',' or '}'")
    }
  }
}

/** A typed error reply: `err: {type, message, code}`. */
class IpcError(val type: String, message: String, val code: String? = null) : RuntimeException(message) {
  fun toJson(): Json {
    val members = linkedMapOf<String, Json>("type" to Json.Str(type), "message" to Json.Str(message ?: ""))
    if (code != null) members["code"] = Json.Str(code)
    return Json.Obj(members)
  }

  fun prefixed(source: String): IpcError = IpcError(type, "$source: $message", code)

  companion object {
    fun typeError(message: String) = IpcError("TypeError", message)
    fun rangeError(message: String) = IpcError("RangeError", message)
    fun notFound(message: String) = IpcError("NotFoundError", message)
    fun notAllowed(message: String) = IpcError("NotAllowedError", message)
    fun notSupported(message: String) = IpcError("NotSupportedError", message)
    fun missing(name: String) = typeError("missing required argument '$name'")
    fun wrongType(name: String, expected: String) = typeError("argument '$name' must be $expected")
    fun outOfRange(name: String, range: String) = rangeError("argument '$name' is out of range ($range)")
  }
}

/** One request: `ipc://<route>?seq=R<n>&index=<w>&<arg>=<value>…` plus its body. */
class Message(val route: String, private val raw: Map<String, ByteArray>, val body: ByteArray) {
  val seq: String get() = param("seq") ?: ""
  val index: Int get() = param("index")?.toIntOrNull() ?: -1

  /** The decoded parameter, or null when absent; invalid UTF-8 is a TypeError naming it. */
  fun param(name: String): String? {
    val bytes = raw[name] ?: return null
    val decoder = Charsets.UTF_8.newDecoder()
      .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
      .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
    try {
      return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString()
    } catch (e: java.nio.charset.CharacterCodingException) {
      throw IpcError.wrongType(name, "valid UTF-8 text")
    }
  }

  fun require(name: String): String = param(name) ?: throw IpcError.missing(name)

  companion object {
    fun parse(uri: String, body: ByteArray = ByteArray(0)): Message {
      var rest = if (uri.startsWith("ipc://")) uri.substring(6) else uri
      val hash = rest.indexOf('#')
      if (hash >= 0) rest = rest.substring(0, hash)
      val question = rest.indexOf('?')
      val route = (if (question >= 0) rest.substring(0, question) else rest).trimEnd('/')
      if (route.isEmpty()) throw IpcError.typeError("the request names no route")
      val params = LinkedHashMap<String, ByteArray>()
      if (question >= 0) {
        for (pair in rest.substring(question + 1).split('&')) {
          if (pair.isEmpty()) continue
          val equals = pair.indexOf('=')
          val key = String(percentDecode(if (equals >= 0) pair.substring(0, equals) else pair), Charsets.UTF_8)
          val value = percentDecode(if (equals >= 0) pair.substring(equals + 1) else "")
          if (!params.containsKey(key)) params[key] = value
        }
      }
      return Message(route, params, body)
    }

    /** Percent-decoding that keeps '+' literal: the wire encodes spaces as %20 only. */
    fun percentDecode(text: String): ByteArray {
      val out = java.io.ByteArrayOutputStream()
      var i = 0
      while (i < text.length) {
        val c = text[i]
        if (c == '%') {
          if (i + 2 >= text.length) throw IpcError.typeError("malformed percent-encoding in the query")
          val value = text.substring(i + 1, i + 3).toIntOrNull(16) ?: throw IpcError.typeError("malformed percent-encoding in the query")
          out.write(value)
          i += 3
        } else {
          val bytes = c.toString().toByteArray(Charsets.UTF_8)
          out.write(bytes, 0, bytes.size)
          i++
        }
      }
      return out.toByteArray()
    }
  }
}

/** Where native-to-JS events for one window go; implemented by the host. */
interface EventSink {
  fun emit(name: String, detail: Json)
  fun emitBinary(name: String, params: Json, bytes: ByteArray)
}

/** The host's answer to an IDL `[Permission=<name>]`: socket.ini `[permissions] allow_<name>` or its default. */
interface PermissionPolicy {
  fun allows(permission: String): Boolean
}

/** Who is calling. With no `permissions`, every route that names a permission is refused. */
class Context(val index: Int, val seq: String, val events: EventSink?, val permissions: PermissionPolicy? = null)

class Response(val status: Int, val contentType: String, val body: ByteArray)

/** What a service's result becomes on the wire: JSON `data` in the envelope, or the raw bytes of a buffer. */
sealed class Answer {
  class Data(val value: Json) : Answer()
  class Bytes(val bytes: ByteArray, val contentType: String = "application/octet-stream") : Answer()
}

/** The `{source, token, id, data|err}` envelope every JSON answer travels in (the C++ host writes the same). */
object Envelope {
  fun answer(source: String, token: String?, answer: Answer): Response = when (answer) {
    is Answer.Bytes -> Response(200, answer.contentType, answer.bytes)
    is Answer.Data -> json(source, token, answer.value, null, 200)
  }

  fun error(source: String, token: String?, error: IpcError, status: Int = 200): Response = json(source, token, null, error, status)

  private fun json(source: String, token: String?, data: Json?, error: IpcError?, status: Int): Response {
    val members = linkedMapOf<String, Json>(
      "source" to Json.Str(source),
      "token" to (if (token == null) Json.Null else Json.Str(token)),
      "id" to Json.Str(java.lang.Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong()))
    )
    if (error != null) members["err"] = error.toJson() else members["data"] = data ?: Json.Null
    return Response(status, "application/json", Json.Obj(members).stringify().toByteArray(Charsets.UTF_8))
  }
}

/** A mapped route: the request and the token its answer carries in, the one response out. */
typealias Handler = suspend (Message, Context, String?) -> Response

/**
 * Route name to handler; lookup is case-insensitive; unknown routes get a 404 NotFoundError. Services are
 * `suspend` functions that return their result or throw an [IpcError]; the router turns either into the answer,
 * so a route always answers exactly once.
 */
class Router {
  private val handlers = java.util.TreeMap<String, Handler>()

  fun map(route: String, handler: Handler) { handlers[route.lowercase()] = handler }

  /**
   * Maps a route whose IDL names `permission` (null: none): refused (403 NotAllowedError) before anything is
   * decoded unless the context's policy grants it. A decoding error is answered here, prefixed with the route, so
   * `handler` only ever runs with valid arguments; its result goes out through `encode`.
   */
  fun <A, R> map(route: String, permission: String?, decode: (Message) -> A, encode: (R) -> Answer, handler: suspend (A, Context) -> R) {
    map(route) { message, context, token ->
      val source = message.route
      if (permission != null && context.permissions?.allows(permission) != true) {
        Envelope.error(source, token, IpcError.notAllowed("$source: not allowed: this app does not grant the '$permission' permission (socket.ini: [permissions] allow_$permission = true)"), 403)
      } else {
        // A service that throws answers the call with an error instead of taking the router (and host) down;
        // cancellation is not an answer and goes on up.
        try {
          Envelope.answer(source, token, encode(handler(decode(message), context)))
        } catch (error: IpcError) {
          Envelope.error(source, token, error.prefixed(source))
        } catch (error: kotlin.coroutines.cancellation.CancellationException) {
          throw error
        } catch (error: Exception) {
          Envelope.error(source, token, IpcError("InternalError", "$source: $error"))
        }
      }
    }
  }

  fun routes(): List<String> = handlers.keys.toList()

  /** Answers `message`; `token` is echoed in the envelope (by default the request's `ipc-token`, as native/ipc). */
  suspend fun dispatch(message: Message, context: Context, token: String? = message.param("ipc-token")): Response {
    val handler = handlers[message.route.lowercase()]
      ?: return Envelope.error(message.route, token, IpcError.notFound("Not found: no route named '${message.route}'"), 404)
    return handler(message, context, token)
  }
}

/** Result encoders the generated `register` functions pass to [Router.map]. */
object Answers {
  fun unit(@Suppress("UNUSED_PARAMETER") value: Unit): Answer = Answer.Data(Json.Null)
  fun bytes(value: ByteArray): Answer = Answer.Bytes(value)
}

/** Decoders the generated dispatchers call; each throws an IpcError naming the argument. */
object Decode {
  private val INTEGER = Regex("-?[0-9]+")

  fun booleanText(text: String, name: String): Boolean = when (text) {
    "true", "1" -> true
    "false", "0" -> false
    else -> throw IpcError.wrongType(name, "a boolean (true or false)")
  }

  fun integerText(text: String, name: String, min: Long, max: Long): Long {
    if (!INTEGER.matches(text)) throw IpcError.wrongType(name, "an integer")
    val value = text.toLongOrNull()
    if (value == null || value < min || value > max) throw IpcError.outOfRange(name, "$min to $max")
    return value
  }

  /** An unsigned 64-bit integer: decimal text (how the wire carries 64-bit values) or a safe JSON number. */
  fun unsigned64Text(text: String, name: String): ULong {
    if (!INTEGER.matches(text)) throw IpcError.wrongType(name, "an integer")
    return text.toULongOrNull() ?: throw IpcError.outOfRange(name, "0 to 18446744073709551615")
  }

  fun doubleText(text: String, name: String, finite: Boolean): Double {
    val value = when (text) {
      "Infinity" -> Double.POSITIVE_INFINITY
      "-Infinity" -> Double.NEGATIVE_INFINITY
      "NaN" -> Double.NaN
      else -> if (Regex("-?[0-9.]+([eE][-+]?[0-9]+)?").matches(text)) text.toDoubleOrNull() else null
    } ?: throw IpcError.wrongType(name, "a number")
    if (finite && (value.isNaN() || value.isInfinite())) throw IpcError.wrongType(name, "a finite number")
    return value
  }

  fun jsonArg(text: String, name: String): Json = try {
    Json.parse(text)
  } catch (e: IpcError) {
    throw IpcError.typeError("argument '$name' is not valid JSON: ${e.message}")
  }

  fun boolean(json: Json, name: String): Boolean = (json as? Json.Bool)?.value ?: throw IpcError.wrongType(name, "a boolean")

  fun integer(json: Json, name: String, min: Long, max: Long): Long {
    if (json is Json.Str && (min == Long.MIN_VALUE || max == Long.MAX_VALUE)) return integerText(json.value, name, min, max)
    val value = (json as? Json.Num)?.value ?: throw IpcError.wrongType(name, "an integer")
    if (value != Math.rint(value)) throw IpcError.wrongType(name, "an integer")
    if (Math.abs(value) > 9007199254740992.0 || value < min.toDouble() || value > max.toDouble()) throw IpcError.outOfRange(name, "$min to $max")
    return value.toLong()
  }

  fun unsigned64(json: Json, name: String): ULong {
    if (json is Json.Str) return unsigned64Text(json.value, name)
    val value = (json as? Json.Num)?.value ?: throw IpcError.wrongType(name, "an integer")
    if (value != Math.rint(value)) throw IpcError.wrongType(name, "an integer")
    if (value < 0 || value > 9007199254740992.0) throw IpcError.outOfRange(name, "0 to 18446744073709551615")
    return value.toLong().toULong()
  }

  fun number(json: Json, name: String): Double = (json as? Json.Num)?.value ?: throw IpcError.wrongType(name, "a number")

  fun string(json: Json, name: String): String = (json as? Json.Str)?.value ?: throw IpcError.wrongType(name, "a string")

  fun obj(json: Json, name: String): Map<String, Json> = (json as? Json.Obj)?.members ?: throw IpcError.wrongType(name, "an object")

  /**
   * A dictionary member: null when absent; a TypeError when absent but required. JSON null is kept for nullable
   * members (it is their value) and means absent for the others.
   */
  fun member(members: Map<String, Json>, key: String, name: String, required: Boolean, nullable: Boolean): Json? {
    var value = members[key]
    if (value is Json.Null && !nullable) value = null
    if (value == null && required) throw IpcError.missing("$name.$key")
    return value
  }

  fun <T> list(json: Json, name: String, item: (Json, String) -> T): List<T> {
    val items = (json as? Json.Arr)?.items ?: throw IpcError.wrongType(name, "an array")
    return items.mapIndexed { i, value -> item(value, "$name[$i]") }
  }

  fun <T> map(json: Json, name: String, value: (Json, String) -> T): Map<String, T> {
    val members = obj(json, name)
    val out = LinkedHashMap<String, T>()
    for ((key, member) in members) out[key] = value(member, "$name[\"$key\"]")
    return out
  }

  /** A union of distinct JSON kinds: the value itself (String, Double or Boolean) after checking its kind. */
  fun union(json: Json, name: String, string: Boolean, number: Boolean, bool: Boolean): Any = when {
    json is Json.Str && string -> json.value
    json is Json.Num && number -> json.value
    json is Json.Bool && bool -> json.value
    else -> throw IpcError.wrongType(name, "one of the union's member types")
  }

  fun checkMaxLength(length: Int, limit: Long, name: String) {
    if (length > limit) throw IpcError.rangeError("argument '$name' is longer than the limit of $limit")
  }

  fun utf8Length(text: String): Int = text.toByteArray(Charsets.UTF_8).size
}

/** Encoders for the generated resolve helpers. */
object Encode {
  fun unsigned64(value: ULong): Json = Json.Str(value.toString())

  fun union(value: Any): Json = when (value) {
    is String -> Json.Str(value)
    is Boolean -> Json.Bool(value)
    is Number -> Json.Num(value.toDouble())
    else -> throw IllegalArgumentException("not a union member: $value")
  }
}
