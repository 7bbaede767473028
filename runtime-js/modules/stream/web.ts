// socket:stream/web — the webview's WHATWG streams under Node's `stream/web` names.
export const ReadableStream = globalThis.ReadableStream
export const WritableStream = globalThis.WritableStream
export const TransformStream = globalThis.TransformStream
export const ByteLengthQueuingStrategy = globalThis.ByteLengthQueuingStrategy
export const CountQueuingStrategy = globalThis.CountQueuingStrategy
export const TextEncoderStream = globalThis.TextEncoderStream
export const TextDecoderStream = globalThis.TextDecoderStream
export const CompressionStream = globalThis.CompressionStream
export const DecompressionStream = globalThis.DecompressionStream
export default {
  ReadableStream, WritableStream, TransformStream, ByteLengthQueuingStrategy, CountQueuingStrategy,
  TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream
}
