// The largest request body the host's ipc:// handler reads (native/linux/scheme_ipc.cc, kMaxBodyBytes). A
// larger one is refused here, before it is sent: WebKit copies a POST body into the host process whole before
// the handler can look at it (about 2.3 times the body's size at its peak), so refusing it there is too late.
export const MAX_BODY_BYTES = 64 * 1024 * 1024

export function checkBodySize (route: string, body: Uint8Array | undefined): void {
  if (body !== undefined && body.byteLength > MAX_BODY_BYTES) {
    throw new RangeError(`${route}: the request body is ${body.byteLength} bytes, more than the ${MAX_BODY_BYTES} bytes ipc:// accepts (write it in parts)`)
  }
}
