// The encodings Buffer and the fs/stream options name (Node's BufferEncoding), declared here so the runtime's
// types do not lean on @types/node's global of the same name.
export type BufferEncoding = 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'utf-16le' | 'ucs2' | 'ucs-2' | 'base64' |
  'base64url' | 'latin1' | 'binary' | 'hex'
