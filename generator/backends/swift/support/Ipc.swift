// Support code the generated Swift bindings build on: the iOS host's twin of native/ipc. Copied verbatim into
// generated/swift/Ipc.swift by `npm run gen`. Swift cannot be compiled on the Linux CI machine, so this and the
// generated Swift are parse-checked only (tree-sitter); see docs/generator.md.
import Foundation

/// An ordered JSON object: replies keep the order the service gave.
public struct JSONObject {
  public private(set) var keys: [String] = []
  public private(set) var values: [String: JSON] = [:]

  public init() {}

  public subscript(key: String) -> JSON? { values[key] }

  public mutating func set(_ key: String, _ value: JSON) {
    if values[key] == nil { keys.append(key) }
    values[key] = value
  }
}

/// A JSON value.
public indirect enum JSON {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object(JSONObject)

  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  public func stringify() -> String {
    var out = ""
    write(&out)
    return out
  }

  public func write(_ out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let value): JSON.writeNumber(&out, value)
    case .string(let value): JSON.writeString(&out, value)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(&out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      for (i, key) in object.keys.enumerated() {
        if i > 0 { out += "," }
        JSON.writeString(&out, key)
        out += ":"
        object.values[key]!.write(&out)
      }
      out += "}"
    }
  }

  /// ECMAScript's Number::toString (what JSON.stringify writes), so every backend emits the same bytes: the
  /// shortest round-tripping digits (Swift's description), plain notation for exponents from -7 to 20 (1e20 is
  /// "100000000000000000000", 1e21 is "1e+21"), and -0 as "0". No integer conversion, so nothing can trap.
  static func writeNumber(_ out: inout String, _ value: Double) {
    if !value.isFinite { out += "null"; return }
    if value == 0 { out += "0"; return }
    if value < 0 { out += "-" }
    let text = "\(abs(value))"  // "123.456", "1e+20", "5e-324", "100.0"
    let parts = text.split(separator: "e", maxSplits: 1)
    let mantissa = String(parts[0])
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let dot = mantissa.firstIndex(of: ".")
    let whole = dot.map { String(mantissa[..<$0]) } ?? mantissa
    var digits = Array((whole + (dot.map { String(mantissa[mantissa.index(after: $0)...]) } ?? "")).utf8)
    var point = whole.count + exponent  // value = 0.digits × 10^point
    while digits.first == UInt8(ascii: "0") { digits.removeFirst(); point -= 1 }
    while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    let k = digits.count
    let d = String(decoding: digits, as: UTF8.self)
    if k <= point && point <= 21 {
      out += d + String(repeating: "0", count: point - k)
    } else if 0 < point && point <= 21 {
      out += String(d.prefix(point)) + "." + String(d.dropFirst(point))
    } else if -6 < point && point <= 0 {
      out += "0." + String(repeating: "0", count: -point) + d
    } else {
      out += String(d.prefix(1)) + (k > 1 ? "." + String(d.dropFirst(1)) : "") + "e" + (point - 1 >= 0 ? "+" : "-") + String(abs(point - 1))
    }
  }

  static func writeString(_ out: inout String, _ value: String) {
    out += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) }
        else { out.unicodeScalars.append(scalar) }
      }
    }
    out += "\""
  }

  /// Parses JSON text with Foundation's parser, keeping object order as Foundation reports it.
  public static func parse(_ text: String) throws -> JSON {
    guard let data = text.data(using: .utf8) else { throw IpcError.typeError("not UTF-8") }
    do {
      let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return from(value)
    } catch {
      throw IpcError.typeError("\(error.localizedDescription)")
    }
  }

  static func from(_ value: Any) -> JSON {
    switch value {
    case is NSNull: return .null
    case let number as NSNumber:
      if CFGetTypeID(number) == CFBooleanGetTypeID() { return .bool(number.boolValue) }
      return .number(number.doubleValue)
    case let string as String: return .string(string)
    case let array as [Any]: return .array(array.map { from($0) })
    case let dictionary as [String: Any]:
      var object = JSONObject()
      for key in dictionary.keys.sorted() { object.set(key, from(dictionary[key]!)) }
      return .object(object)
    default: return .null
    }
  }
}

/// A typed error reply: `err: {type, message, code}`.
public struct IpcError: Error {
  public let type: String
  public let message: String
  public let code: String?

  public init(_ type: String, _ message: String, code: String? = nil) {
    self.type = type
    self.message = message
    self.code = code
  }

  public func toJSON() -> JSON {
    var out = JSONObject()
    out.set("type", .string(type))
    out.set("message", .string(message))
    if let code = code { out.set("code", .string(code)) }
    return .object(out)
  }

  public func prefixed(_ source: String) -> IpcError { IpcError(type, "\(source): \(message)", code: code) }

  public static func typeError(_ message: String) -> IpcError { IpcError("TypeError", message) }
  public static func rangeError(_ message: String) -> IpcError { IpcError("RangeError", message) }
  public static func notFound(_ message: String) -> IpcError { IpcError("NotFoundError", message) }
  public static func notAllowed(_ message: String) -> IpcError { IpcError("NotAllowedError", message) }
  public static func notSupported(_ message: String) -> IpcError { IpcError("NotSupportedError", message) }
  public static func missing(_ name: String) -> IpcError { typeError("missing required argument '\(name)'") }
  public static func wrongType(_ name: String, _ expected: String) -> IpcError { typeError("argument '\(name)' must be \(expected)") }
  public static func outOfRange(_ name: String, _ range: String) -> IpcError { rangeError("argument '\(name)' is out of range (\(range))") }
}

/// One request: `ipc://<route>?seq=R<n>&index=<w>&<arg>=<value>…` plus its body.
public struct Message {
  public let route: String
  public let params: [String: [UInt8]]
  public let body: [UInt8]

  public var seq: String { (try? param("seq")) ?? nil ?? "" }
  public var index: Int { Int(((try? param("index")) ?? nil) ?? "") ?? -1 }

  /// The decoded parameter, or nil when absent; invalid UTF-8 is a TypeError naming it.
  public func param(_ name: String) throws -> String? {
    guard let bytes = params[name] else { return nil }
    guard let text = String(bytes: bytes, encoding: .utf8) else { throw IpcError.wrongType(name, "valid UTF-8 text") }
    return text
  }

  public func require(_ name: String) throws -> String {
    guard let value = try param(name) else { throw IpcError.missing(name) }
    return value
  }

  public static func parse(_ uri: String, body: [UInt8] = []) throws -> Message {
    var rest = Substring(uri)
    if rest.hasPrefix("ipc://") { rest = rest.dropFirst(6) }
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    var route = String(parts[0])
    while route.hasSuffix("/") { route.removeLast() }
    if route.isEmpty { throw IpcError.typeError("the request names no route") }
    var params: [String: [UInt8]] = [:]
    if parts.count > 1 {
      for pair in parts[1].split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(decoding: try percentDecode(String(kv[0])), as: UTF8.self)
        let value = try percentDecode(kv.count > 1 ? String(kv[1]) : "")
        if params[key] == nil { params[key] = value }
      }
    }
    return Message(route: route, params: params, body: body)
  }

  /// Percent-decoding that keeps "+" literal: the wire encodes spaces as %20 only.
  public static func percentDecode(_ text: String) throws -> [UInt8] {
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%") {
        guard i + 2 < bytes.count, let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) else {
          throw IpcError.typeError("malformed percent-encoding in the query")
        }
        out.append(value)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }
}

/// Where native-to-JS events for one window go; implemented by the host.
public protocol EventSink: AnyObject {
  func emit(_ name: String, _ detail: JSON)
  func emitBinary(_ name: String, _ params: JSON, _ bytes: [UInt8])
}

/// JSON is Codable as the value it holds, so the generated types are Codable through their wire codec (64-bit
/// integers as decimal strings, enums as their wire strings) with every Encoder/Decoder. Object keys are written in
/// the encoder's order, not the object's.
extension JSON: Codable {
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let items = try? container.decode([JSON].self) {
      self = .array(items)
    } else {
      let members = try container.decode([String: JSON].self)
      var out = JSONObject()
      for (key, value) in members.sorted(by: { $0.key < $1.key }) { out.set(key, value) }
      self = .object(out)
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let items): try container.encode(items)
    case .object(let members): try container.encode(members.values)
    }
  }
}

/// The host's answer to an IDL `[Permission=<name>]`: socket.ini `[permissions] allow_<name>` or its default.
public protocol PermissionPolicy {
  func allows(_ permission: String) -> Bool
}

/// Who is calling. With no `permissions`, every route that names a permission is refused.
public struct Context {
  public let index: Int
  public let seq: String
  public weak var events: EventSink?
  public let permissions: PermissionPolicy?

  public init(index: Int, seq: String, events: EventSink?, permissions: PermissionPolicy? = nil) {
    self.index = index
    self.seq = seq
    self.events = events
    self.permissions = permissions
  }
}

public struct Response {
  public let status: Int
  public let contentType: String
  public let body: [UInt8]
}

/// What a service's result becomes on the wire: JSON `data` in the envelope, or the raw bytes of a buffer.
public enum Answer {
  case data(JSON)
  case bytes([UInt8])

  public static func unit(_ value: Void) -> Answer { .data(.null) }
  public static func buffer(_ value: [UInt8]) -> Answer { .bytes(value) }
}

/// The `{source, token, id, data|err}` envelope every JSON answer travels in (the C++ host writes the same).
public enum Envelope {
  public static func answer(_ source: String, _ token: String?, _ answer: Answer) -> Response {
    switch answer {
    case .bytes(let bytes): return Response(status: 200, contentType: "application/octet-stream", body: bytes)
    case .data(let value): return json(source, token, value, nil, 200)
    }
  }

  public static func error(_ source: String, _ token: String?, _ error: IpcError, status: Int = 200) -> Response {
    json(source, token, nil, error, status)
  }

  static func json(_ source: String, _ token: String?, _ data: JSON?, _ error: IpcError?, _ status: Int) -> Response {
    var out = JSONObject()
    out.set("source", .string(source))
    out.set("token", token.map { JSON.string($0) } ?? .null)
    out.set("id", .string(String(UInt64.random(in: 0...UInt64.max))))
    if let error = error { out.set("err", error.toJSON()) } else { out.set("data", data ?? .null) }
    return Response(status: status, contentType: "application/json", body: Array(JSON.object(out).stringify().utf8))
  }
}

/// A mapped route: the request and the token its answer carries in, the one response out.
public typealias Handler = (Message, Context, String?) async -> Response

/// Route name to handler; lookup is case-insensitive; unknown routes get a 404 NotFoundError. Services are
/// `async throws` methods that return their result or throw an `IpcError`; the router turns either into the
/// answer, so a route always answers exactly once.
public final class Router {
  private var handlers: [String: Handler] = [:]

  public init() {}

  public func map(_ route: String, _ handler: @escaping Handler) { handlers[route.lowercased()] = handler }

  /// Maps a route whose IDL names `permission` (nil: none): refused (403 NotAllowedError) before anything is
  /// decoded unless the context's policy grants it. A decoding error is answered here, prefixed with the route,
  /// so `handler` only ever runs with valid arguments; its result goes out through `encode`.
  public func map<Args, Result>(_ route: String, permission: String?, decode: @escaping (Message) throws -> Args, encode: @escaping (Result) -> Answer, _ handler: @escaping (Args, Context) async throws -> Result) {
    map(route) { message, context, token in
      let source = message.route
      if let permission = permission, context.permissions?.allows(permission) != true {
        return Envelope.error(source, token, IpcError.notAllowed("\(source): not allowed: this app does not grant the '\(permission)' permission (socket.ini: [permissions] allow_\(permission) = true)"), status: 403)
      }
      do {
        let args = try decode(message)
        let result = try await handler(args, context)
        return Envelope.answer(source, token, encode(result))
      } catch let error as IpcError {
        return Envelope.error(source, token, error.prefixed(source))
      } catch {
        return Envelope.error(source, token, IpcError("InternalError", "\(source): \(error)"))
      }
    }
  }

  /// Answers `message`; `token` is echoed in the envelope (the request's `ipc-token`, as native/ipc).
  public func dispatch(_ message: Message, _ context: Context, token: String?) async -> Response {
    guard let handler = handlers[message.route.lowercased()] else {
      return Envelope.error(message.route, token, IpcError.notFound("Not found: no route named '\(message.route)'"), status: 404)
    }
    return await handler(message, context, token)
  }
}

/// Decoders the generated dispatchers call; each throws an IpcError naming the argument.
public enum Decode {
  static func isInteger(_ text: String) -> Bool {
    let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
    return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
  }

  public static func booleanText(_ text: String, _ name: String) throws -> Bool {
    switch text {
    case "true", "1": return true
    case "false", "0": return false
    default: throw IpcError.wrongType(name, "a boolean (true or false)")
    }
  }

  public static func integerText<T: FixedWidthInteger>(_ text: String, _ name: String, _ type: T.Type) throws -> T {
    guard isInteger(text) else { throw IpcError.wrongType(name, "an integer") }
    guard let value = T(text) else { throw IpcError.outOfRange(name, "\(T.min) to \(T.max)") }
    return value
  }

  public static func doubleText(_ text: String, _ name: String, finite: Bool) throws -> Double {
    let value: Double?
    switch text {
    case "Infinity": value = .infinity
    case "-Infinity": value = -.infinity
    case "NaN": value = .nan
    default: value = Double(text)
    }
    guard let number = value else { throw IpcError.wrongType(name, "a number") }
    if finite && !number.isFinite { throw IpcError.wrongType(name, "a finite number") }
    return number
  }

  public static func jsonArg(_ text: String, _ name: String) throws -> JSON {
    do { return try JSON.parse(text) } catch let error as IpcError {
      throw IpcError.typeError("argument '\(name)' is not valid JSON: \(error.message)")
    }
  }

  public static func boolean(_ json: JSON, _ name: String) throws -> Bool {
    guard case .bool(let value) = json else { throw IpcError.wrongType(name, "a boolean") }
    return value
  }

  public static func integer<T: FixedWidthInteger>(_ json: JSON, _ name: String, _ type: T.Type) throws -> T {
    if case .string(let text) = json, T.bitWidth == 64 { return try integerText(text, name, type) }
    guard case .number(let value) = json, value == value.rounded() else { throw IpcError.wrongType(name, "an integer") }
    guard abs(value) <= 9007199254740992, let result = T(exactly: value) else { throw IpcError.outOfRange(name, "\(T.min) to \(T.max)") }
    return result
  }

  public static func number(_ json: JSON, _ name: String) throws -> Double {
    guard case .number(let value) = json else { throw IpcError.wrongType(name, "a number") }
    return value
  }

  public static func string(_ json: JSON, _ name: String) throws -> String {
    guard case .string(let value) = json else { throw IpcError.wrongType(name, "a string") }
    return value
  }

  public static func object(_ json: JSON, _ name: String) throws -> JSONObject {
    guard case .object(let value) = json else { throw IpcError.wrongType(name, "an object") }
    return value
  }

  /// A dictionary member: nil when absent; JSON null is kept for nullable members and means absent otherwise.
  public static func member(_ members: JSONObject, _ key: String, _ name: String, required: Bool, nullable: Bool) throws -> JSON? {
    var value = members[key]
    if let present = value, present.isNull, !nullable { value = nil }
    if value == nil && required { throw IpcError.missing("\(name).\(key)") }
    return value
  }

  public static func nullable<T>(_ json: JSON, _ decode: (JSON) throws -> T) throws -> T? {
    if json.isNull { return nil }
    return try decode(json)
  }

  public static func list<T>(_ json: JSON, _ name: String, _ item: (JSON, String) throws -> T) throws -> [T] {
    guard case .array(let items) = json else { throw IpcError.wrongType(name, "an array") }
    return try items.enumerated().map { try item($0.element, "\(name)[\($0.offset)]") }
  }

  public static func map<T>(_ json: JSON, _ name: String, _ value: (JSON, String) throws -> T) throws -> [String: T] {
    let members = try object(json, name)
    var out: [String: T] = [:]
    for key in members.keys { out[key] = try value(members[key]!, "\(name)[\"\(key)\"]") }
    return out
  }

  public static func union(_ json: JSON, _ name: String, string: Bool, number: Bool, bool: Bool) throws -> JSON {
    if case .string = json, string { return json }
    if case .number = json, number { return json }
    if case .bool = json, bool { return json }
    throw IpcError.wrongType(name, "one of the union's member types")
  }

  public static func checkMaxLength(_ length: Int, _ limit: Int, _ name: String) throws {
    if length > limit { throw IpcError.rangeError("argument '\(name)' is longer than the limit of \(limit)") }
  }
}

/// Encoders for the generated resolve helpers.
public enum Encode {
  public static func list<T>(_ values: [T], _ item: (T) -> JSON) -> JSON { .array(values.map(item)) }

  public static func map<T>(_ values: [String: T], _ item: (T) -> JSON) -> JSON {
    var out = JSONObject()
    for key in values.keys.sorted() { out.set(key, item(values[key]!)) }
    return .object(out)
  }

  public static func optional<T>(_ value: T?, _ item: (T) -> JSON) -> JSON { value.map(item) ?? .null }
}
