// socket:mime — the original's MIME database: one Database per top-level type (application, audio, chemical,
// font, image, model, multipart, text, video), lookup() across all of them by extension, file name or media
// type, and MIMEType/MIMEParams (Node's util.MIMEType semantics). The data ships with the runtime.
import { Database, DatabaseQueryResult } from '../internal/mime/database.ts'
import { MIMEParams, MIMEType } from '../internal/mime/mime-type.ts'

export const application = new Database('application')
export const audio = new Database('audio')
export const chemical = new Database('chemical')
export const font = new Database('font')
export const image = new Database('image')
export const model = new Database('model')
export const multipart = new Database('multipart')
export const text = new Database('text')
export const video = new Database('video')

export const databases = [application, audio, chemical, font, image, model, multipart, text, video]

/** Every database's results for `query` ('html', '.png', 'photo.JPG', 'text/html'), in database order. */
export async function lookup (query: string): Promise<DatabaseQueryResult[]> {
  return lookupSync(query)
}

export function lookupSync (query: string): DatabaseQueryResult[] {
  return databases.flatMap((database) => database.lookupSync(query))
}

export { Database, DatabaseQueryResult, MIMEParams, MIMEType }

export default {
  Database, DatabaseQueryResult, MIMEParams, MIMEType, application, audio, chemical, font, image, model,
  multipart, text, video, databases, lookup, lookupSync
}
