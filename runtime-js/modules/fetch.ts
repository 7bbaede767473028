// socket:fetch — the original's fetch module: the webview's WHATWG fetch and its classes, importable by name.
export const fetch: typeof globalThis.fetch = globalThis.fetch.bind(globalThis)
export const { Headers, Request, Response } = globalThis
export default fetch
