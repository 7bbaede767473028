// The File System Access API reports failures as DOMExceptions; the fs calls under it fail with Node's
// errno errors. This maps one to the other (the sandbox's EACCES included) and keeps the errno as `cause`.
export function domError (name: string, message: string, cause?: unknown): DOMException {
  const error = new DOMException(message, name)
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true })
  return error
}

const names: Record<string, string> = {
  ENOENT: 'NotFoundError',
  ENOTDIR: 'TypeMismatchError',
  EISDIR: 'TypeMismatchError',
  ENOTEMPTY: 'InvalidModificationError',
  EEXIST: 'InvalidModificationError',
  EACCES: 'NotAllowedError',
  EPERM: 'NotAllowedError'
}

/** An fs error as the DOMException the API names; anything else unchanged. */
export function toDomError (error: unknown): unknown {
  const code = (error as { code?: unknown })?.code
  const name = typeof code === 'string' ? names[code] : undefined
  return name === undefined ? error : domError(name, (error as Error).message, error)
}

/** Runs `fn`, rejecting with toDomError of its failure. */
export async function mapErrors<T> (fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw toDomError(error)
  }
}
