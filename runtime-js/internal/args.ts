// What the host's preload gives every window (Contract 3): `globalThis.__args`. Outside a host (Node
// tests) it is absent and these defaults apply.
export interface RuntimeArgs {
  argv: string[]
  config: Record<string, unknown>
  env: Record<string, string>
  index: number
  debug: boolean
  headless: boolean
  client: Record<string, unknown>
}

export function runtimeArgs (): RuntimeArgs {
  const args = (globalThis as { __args?: Partial<RuntimeArgs> }).__args ?? {}
  return {
    argv: args.argv ?? [],
    config: args.config ?? {},
    env: args.env ?? {},
    index: args.index ?? 0,
    debug: args.debug ?? false,
    headless: args.headless ?? false,
    client: args.client ?? {}
  }
}

/** True inside a runtime window (the preload ran), false in Node. */
export function inRuntime (): boolean {
  return (globalThis as { __args?: unknown }).__args !== undefined
}
