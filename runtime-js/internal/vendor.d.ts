// Types for the untyped npm ports of Node core that the modules bundle. They implement Node's API, so
// Node's own declarations describe them.
declare module 'path-browserify' {
  const posix: typeof import('node:path').posix
  export default posix
}
declare module 'events/events.js' {
  import { EventEmitter } from 'node:events'
  export default EventEmitter
}
declare module 'util/util.js' {
  const util: typeof import('node:util')
  export default util
}
declare module 'url/url.js' {
  const url: Pick<typeof import('node:url'), 'parse' | 'format' | 'resolve' | 'resolveObject' | 'Url'>
  export default url
}
declare module 'querystring-es3/index.js' {
  const querystring: Pick<typeof import('node:querystring'), 'parse' | 'stringify' | 'decode' | 'encode'>
  export default querystring
}
declare module 'readable-stream' {
  export { Readable, Writable, Duplex, Transform, PassThrough, Stream, pipeline, finished, addAbortSignal } from 'node:stream'
  export { default } from 'node:stream'
}
declare module 'string_decoder/lib/string_decoder.js' {
  export { StringDecoder } from 'node:string_decoder'
}
