// Types for the untyped npm ports of Node core that the modules bundle (events, readable-stream, util, url,
// querystring-es3, path-browserify, string_decoder). Written here, not borrowed from @types/node: the
// declarations build-runtime emits, and this file with them, must type-check in an app without @types/node
// (strict, skipLibCheck off). They describe what the ports implement, Node's API, in the parts apps use.

declare module 'events/events.js' {
  export type Listener = (...args: any[]) => void
  class EventEmitter {
    constructor (options?: { captureRejections?: boolean })
    static defaultMaxListeners: number
    static readonly errorMonitor: unique symbol
    /** Resolves with the arguments of the next `name` event; rejects on 'error' (or the signal's abort). */
    static once (emitter: EventEmitter | EventTarget, name: string | symbol, options?: { signal?: AbortSignal }): Promise<any[]>
    static listenerCount (emitter: EventEmitter, name: string | symbol): number
    addListener (name: string | symbol, listener: Listener): this
    on (name: string | symbol, listener: Listener): this
    once (name: string | symbol, listener: Listener): this
    prependListener (name: string | symbol, listener: Listener): this
    prependOnceListener (name: string | symbol, listener: Listener): this
    removeListener (name: string | symbol, listener: Listener): this
    off (name: string | symbol, listener: Listener): this
    removeAllListeners (name?: string | symbol): this
    emit (name: string | symbol, ...args: any[]): boolean
    listeners (name: string | symbol): Function[]
    rawListeners (name: string | symbol): Function[]
    listenerCount (name: string | symbol, listener?: Function): number
    eventNames (): Array<string | symbol>
    setMaxListeners (n: number): this
    getMaxListeners (): number
  }
  export default EventEmitter
}

declare module 'readable-stream' {
  import EventEmitter from 'events/events.js'

  export type Callback = (error?: Error | null) => void
  export type Encoding = 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'utf-16le' | 'ucs2' | 'ucs-2' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'hex'

  export interface StreamOptions {
    highWaterMark?: number
    objectMode?: boolean
    emitClose?: boolean
    autoDestroy?: boolean
    signal?: AbortSignal
  }
  export interface ReadableOptions extends StreamOptions {
    encoding?: Encoding
    read? (this: Readable, size: number): void
    destroy? (this: Readable, error: Error | null, callback: (error: Error | null) => void): void
    construct? (this: Readable, callback: Callback): void
  }
  export interface WritableOptions extends StreamOptions {
    decodeStrings?: boolean
    defaultEncoding?: Encoding
    write? (this: Writable, chunk: any, encoding: Encoding, callback: Callback): void
    writev? (this: Writable, chunks: Array<{ chunk: any, encoding: Encoding }>, callback: Callback): void
    final? (this: Writable, callback: Callback): void
    destroy? (this: Writable, error: Error | null, callback: (error: Error | null) => void): void
    construct? (this: Writable, callback: Callback): void
  }
  export interface DuplexOptions extends Omit<ReadableOptions, 'construct' | 'destroy'>, Omit<WritableOptions, 'construct' | 'destroy'> {
    destroy? (this: Duplex, error: Error | null, callback: (error: Error | null) => void): void
    construct? (this: Duplex, callback: Callback): void
    allowHalfOpen?: boolean
    readableObjectMode?: boolean
    writableObjectMode?: boolean
  }
  export interface TransformOptions extends DuplexOptions {
    transform? (this: Transform, chunk: any, encoding: Encoding, callback: (error?: Error | null, data?: any) => void): void
    flush? (this: Transform, callback: (error?: Error | null, data?: any) => void): void
  }

  class Stream extends EventEmitter {
    constructor (options?: StreamOptions)
    pipe<T extends Writable> (destination: T, options?: { end?: boolean }): T
  }

  class Readable extends Stream implements AsyncIterable<any> {
    constructor (options?: ReadableOptions)
    static from (iterable: Iterable<any> | AsyncIterable<any>, options?: ReadableOptions): Readable
    readable: boolean
    readonly readableEncoding: Encoding | null
    readonly readableEnded: boolean
    readonly readableFlowing: boolean | null
    readonly readableHighWaterMark: number
    readonly readableLength: number
    readonly readableObjectMode: boolean
    destroyed: boolean
    readonly closed: boolean
    readonly errored: Error | null
    _construct? (callback: Callback): void
    _read (size: number): void
    read (size?: number): any
    setEncoding (encoding: Encoding): this
    pause (): this
    resume (): this
    isPaused (): boolean
    unpipe (destination?: Writable): this
    unshift (chunk: any, encoding?: Encoding): void
    push (chunk: any, encoding?: Encoding): boolean
    _destroy (error: Error | null, callback: (error?: Error | null) => void): void
    destroy (error?: Error): this
    [Symbol.asyncIterator] (): AsyncIterator<any>
  }

  /** The writing half, shared by Writable and Duplex (the port mixes Writable's methods into Duplex). */
  interface WritableSide {
    writable: boolean
    readonly writableEnded: boolean
    readonly writableFinished: boolean
    readonly writableHighWaterMark: number
    readonly writableLength: number
    readonly writableObjectMode: boolean
    readonly writableCorked: number
    readonly writableNeedDrain: boolean
    _write (chunk: any, encoding: Encoding, callback: Callback): void
    _writev? (chunks: Array<{ chunk: any, encoding: Encoding }>, callback: Callback): void
    _final (callback: Callback): void
    write (chunk: any, callback?: Callback): boolean
    write (chunk: any, encoding: Encoding, callback?: Callback): boolean
    setDefaultEncoding (encoding: Encoding): this
    end (callback?: () => void): this
    end (chunk: any, callback?: () => void): this
    end (chunk: any, encoding: Encoding, callback?: () => void): this
    cork (): void
    uncork (): void
  }

  interface Writable extends WritableSide {}
  class Writable extends Stream {
    constructor (options?: WritableOptions)
    destroyed: boolean
    readonly closed: boolean
    readonly errored: Error | null
    _construct? (callback: Callback): void
    _destroy (error: Error | null, callback: (error?: Error | null) => void): void
    destroy (error?: Error): this
  }

  /** Readable and Writable at once. */
  interface Duplex extends WritableSide {}
  class Duplex extends Readable {
    constructor (options?: DuplexOptions)
    allowHalfOpen: boolean
  }

  class Transform extends Duplex {
    constructor (options?: TransformOptions)
    _transform (chunk: any, encoding: Encoding, callback: (error?: Error | null, data?: any) => void): void
    _flush (callback: (error?: Error | null, data?: any) => void): void
  }

  class PassThrough extends Transform {}

  export type AnyStream = Readable | Writable | NodeLikeStream
  /** Anything with stream events (pipeline accepts async iterables and generators too). */
  export interface NodeLikeStream { on (name: string, listener: (...args: any[]) => void): unknown }

  function pipeline (...streams: Array<AnyStream | AsyncIterable<any> | ((source: any) => any) | ((error: Error | null) => void)>): any
  function finished (stream: AnyStream, callback: (error?: Error | null) => void): () => void
  function finished (stream: AnyStream, options: { error?: boolean, readable?: boolean, writable?: boolean, signal?: AbortSignal }, callback: (error?: Error | null) => void): () => void
  function addAbortSignal<T extends AnyStream> (signal: AbortSignal, stream: T): T

  export { Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal }
  const stream: typeof Stream & {
    Stream: typeof Stream
    Readable: typeof Readable
    Writable: typeof Writable
    Duplex: typeof Duplex
    Transform: typeof Transform
    PassThrough: typeof PassThrough
    pipeline: typeof pipeline
    finished: typeof finished
    addAbortSignal: typeof addAbortSignal
  }
  export default stream
}

declare module 'util/util.js' {
  export interface InspectOptions {
    showHidden?: boolean
    depth?: number | null
    colors?: boolean
    customInspect?: boolean
    showProxy?: boolean
    maxArrayLength?: number | null
    maxStringLength?: number | null
    breakLength?: number
    compact?: boolean | number
    sorted?: boolean | ((a: string, b: string) => number)
    getters?: boolean | 'get' | 'set'
  }
  export interface Inspect {
    (value: unknown, options?: InspectOptions): string
    (value: unknown, showHidden?: boolean, depth?: number | null, colors?: boolean): string
    readonly custom: unique symbol
    colors: Record<string, [number, number]>
    styles: Record<string, string>
  }
  /** util.types: the port's predicates (those it can answer in a browser). */
  export interface Types {
    isAnyArrayBuffer (value: unknown): value is ArrayBuffer | SharedArrayBuffer
    isArrayBuffer (value: unknown): value is ArrayBuffer
    isArrayBufferView (value: unknown): value is ArrayBufferView
    isAsyncFunction (value: unknown): boolean
    isBigInt64Array (value: unknown): value is BigInt64Array
    isBigUint64Array (value: unknown): value is BigUint64Array
    isBooleanObject (value: unknown): value is Boolean
    isBoxedPrimitive (value: unknown): boolean
    isDataView (value: unknown): value is DataView
    isDate (value: unknown): value is Date
    isFloat32Array (value: unknown): value is Float32Array
    isFloat64Array (value: unknown): value is Float64Array
    isGeneratorFunction (value: unknown): boolean
    isGeneratorObject (value: unknown): value is Generator
    isInt8Array (value: unknown): value is Int8Array
    isInt16Array (value: unknown): value is Int16Array
    isInt32Array (value: unknown): value is Int32Array
    isMap (value: unknown): value is Map<unknown, unknown>
    isMapIterator (value: unknown): boolean
    isNumberObject (value: unknown): value is Number
    isPromise (value: unknown): value is Promise<unknown>
    isRegExp (value: unknown): value is RegExp
    isSet (value: unknown): value is Set<unknown>
    isSetIterator (value: unknown): boolean
    isSharedArrayBuffer (value: unknown): value is SharedArrayBuffer
    isStringObject (value: unknown): value is String
    isSymbolObject (value: unknown): value is Symbol
    isTypedArray (value: unknown): value is ArrayBufferView
    isUint8Array (value: unknown): value is Uint8Array
    isUint8ClampedArray (value: unknown): value is Uint8ClampedArray
    isUint16Array (value: unknown): value is Uint16Array
    isUint32Array (value: unknown): value is Uint32Array
    isWeakMap (value: unknown): value is WeakMap<object, unknown>
    isWeakSet (value: unknown): value is WeakSet<object>
  }
  export interface Util {
    format (format?: unknown, ...args: unknown[]): string
    inspect: Inspect
    inherits (constructor: Function, superConstructor: Function): void
    callbackify<R> (fn: (...args: any[]) => Promise<R>): (...args: any[]) => void
    deprecate<T extends Function> (fn: T, message: string, code?: string): T
    debuglog (section: string): ((message: string, ...args: unknown[]) => void) & { enabled: boolean }
    types: Types
    isArray (value: unknown): value is unknown[]
    isBoolean (value: unknown): value is boolean
    isNull (value: unknown): value is null
    isNullOrUndefined (value: unknown): value is null | undefined
    isNumber (value: unknown): value is number
    isString (value: unknown): value is string
    isSymbol (value: unknown): value is symbol
    isUndefined (value: unknown): value is undefined
    isRegExp (value: unknown): value is RegExp
    isObject (value: unknown): value is object
    isDate (value: unknown): value is Date
    isError (value: unknown): value is Error
    isFunction (value: unknown): value is Function
    isPrimitive (value: unknown): boolean
    isBuffer (value: unknown): boolean
  }
  const util: Util
  export default util
}

declare module 'url/url.js' {
  export interface ParsedQuery { [key: string]: string | string[] | undefined }
  /** Node's legacy URL object (url.parse). */
  class Url {
    protocol: string | null
    slashes: boolean | null
    auth: string | null
    host: string | null
    port: string | null
    hostname: string | null
    hash: string | null
    search: string | null
    query: string | null | ParsedQuery
    pathname: string | null
    path: string | null
    href: string
    parse (url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url
    format (): string
    resolve (relative: string): string
    resolveObject (relative: string | Url): Url
  }
  export interface UrlObject {
    protocol?: string | null
    slashes?: boolean | null
    auth?: string | null
    host?: string | null
    port?: string | number | null
    hostname?: string | null
    hash?: string | null
    search?: string | null
    query?: string | null | Record<string, unknown>
    pathname?: string | null
    path?: string | null
    href?: string | null
  }
  export interface UrlPort {
    parse (url: string): Url & { query: string | null }
    parse (url: string, parseQueryString: true, slashesDenoteHost?: boolean): Url & { query: ParsedQuery }
    parse (url: string, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url
    format (url: string | UrlObject | URL): string
    resolve (from: string, to: string): string
    resolveObject (from: string | Url, to: string | Url): Url
    Url: typeof Url
  }
  const url: UrlPort
  export default url
}

declare module 'querystring-es3/index.js' {
  export interface ParsedUrlQuery { [key: string]: string | string[] | undefined }
  export type Input = Record<string, string | number | boolean | bigint | ReadonlyArray<string | number | boolean | bigint> | null | undefined>
  export interface QueryString {
    parse (text: string, separator?: string, equals?: string, options?: { maxKeys?: number, decodeURIComponent?: (text: string) => string }): ParsedUrlQuery
    stringify (object?: Input, separator?: string, equals?: string, options?: { encodeURIComponent?: (text: string) => string }): string
    decode: QueryString['parse']
    encode: QueryString['stringify']
  }
  const querystring: QueryString
  export default querystring
}

declare module 'path-browserify' {
  export interface ParsedPath { root: string, dir: string, base: string, ext: string, name: string }
  export interface FormatInputPathObject { root?: string, dir?: string, base?: string, ext?: string, name?: string }
  export interface PathPort {
    readonly sep: '/' | '\\'
    readonly delimiter: ':' | ';'
    resolve (...paths: string[]): string
    normalize (path: string): string
    isAbsolute (path: string): boolean
    join (...paths: string[]): string
    relative (from: string, to: string): string
    toNamespacedPath (path: string): string
    dirname (path: string): string
    basename (path: string, suffix?: string): string
    extname (path: string): string
    format (pathObject: FormatInputPathObject): string
    parse (path: string): ParsedPath
    posix: PathPort
    win32: PathPort
  }
  const posix: PathPort
  export default posix
}

declare module 'string_decoder/lib/string_decoder.js' {
  /** Reads Buffers (the npm port's, or Node's under Node): typed as their common Uint8Array. */
  class StringDecoder {
    constructor (encoding?: string)
    write (buffer: Uint8Array | string): string
    end (buffer?: Uint8Array | string): string
  }
  export { StringDecoder }
}
