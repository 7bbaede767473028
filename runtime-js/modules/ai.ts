// socket:ai — the original's llama.cpp bindings (`LLM`, `Chat`; 0.6 only, and never on its own Linux build).
// This runtime bundles no language model, so the module keeps the original's shape for apps that import it and
// every use throws NotSupportedError naming itself.
import { NotSupportedError } from '../internal/errors.ts'

const reason = 'this runtime bundles no language model (the original used llama.cpp, not on Linux)'

export class LLM {
  constructor (..._options: unknown[]) {
    throw new NotSupportedError(`socket:ai LLM: ${reason}`)
  }
}

export class Chat {
  constructor (..._options: unknown[]) {
    throw new NotSupportedError(`socket:ai Chat: ${reason}`)
  }
}

export default { LLM, Chat }
