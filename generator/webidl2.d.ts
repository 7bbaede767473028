// The part of webidl2's API the generator uses (the package ships no types). Nodes are walked as plain data.
declare module 'webidl2' {
  export function parse (text: string, options?: { sourceName?: string, concrete?: boolean }): unknown[]
}
