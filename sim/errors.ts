// Errors the simulator raises for things it deliberately does not do.

export class NotSupportedError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'NotSupportedError'
  }
}
