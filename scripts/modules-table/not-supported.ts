// The original's exports that exist here only to throw NotSupportedError (they cannot work in this runtime on
// Linux), by module, with why. The conformance table names them; test/modules/modules-table.test.ts uses each
// one in Node and checks that it throws NotSupportedError, so the list cannot claim what the code does not do.
export interface Unsupported { why: string, use: (module: Record<string, any>) => unknown }

export const notSupported: Record<string, Record<string, Unsupported>> = {
  ai: {
    LLM: { why: 'no language model is bundled (the original used llama.cpp, not on Linux)', use: (m) => new m.LLM({}) },
    Chat: { why: 'no language model is bundled (the original used llama.cpp, not on Linux)', use: (m) => new m.Chat({}) }
  },
  crypto: {
    sodium: { why: 'libsodium is not bundled', use: (m) => m.sodium.crypto_sign_keypair() }
  },
  http: {
    createServer: { why: 'no TCP server socket', use: (m) => m.createServer() },
    Server: { why: 'no TCP server socket', use: (m) => new m.Server() },
    ServerResponse: { why: 'no TCP server socket', use: (m) => new m.ServerResponse() }
  },
  https: {
    createServer: { why: 'no TCP server socket', use: (m) => m.createServer() },
    Server: { why: 'no TCP server socket', use: (m) => new m.Server() },
    ServerResponse: { why: 'no TCP server socket', use: (m) => new m.ServerResponse() }
  },
  'latica/proxy': {
    PeerWorkerProxy: { why: 'the peer runs in the page, not in a worker', use: (m) => new m.PeerWorkerProxy() }
  }
}
