// socket:stream — Node's streams, from the `readable-stream` npm package (Node's own lib/stream, ported).
import port, { Readable, Writable, Duplex, Transform, PassThrough, Stream, pipeline, finished, addAbortSignal } from 'readable-stream'

export { Readable, Writable, Duplex, Transform, PassThrough, Stream, pipeline, finished, addAbortSignal }
export default port
