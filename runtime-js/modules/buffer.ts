// socket:buffer — Node's Buffer, from the `buffer` npm package (feross/buffer, as the original used).
import * as port from 'buffer/index.js'
import '../internal/buffer-base64url.ts'

// The package's own .d.ts declares only Buffer; the other exports exist at run time.
const extras = port as unknown as { SlowBuffer: typeof port.Buffer, INSPECT_MAX_BYTES: number, kMaxLength: number }
export const Buffer = port.Buffer
export type Buffer = port.Buffer
export const { SlowBuffer, INSPECT_MAX_BYTES, kMaxLength } = extras
export const kStringMaxLength = (1 << 29) - 24
export const constants = Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength })
export const atob = globalThis.atob.bind(globalThis)
export const btoa = globalThis.btoa.bind(globalThis)
export const Blob = globalThis.Blob
export const File = globalThis.File
export default { Buffer, SlowBuffer, INSPECT_MAX_BYTES, kMaxLength, kStringMaxLength, constants, atob, btoa, Blob, File }
