// socket:fs/stream — fs.ReadStream and fs.WriteStream (Node streams over the fs operations), under the
// original's names too (FileReadStream, FileWriteStream) with its default chunk size.
import { ReadStream, WriteStream } from '../../internal/fs/streams.ts'

/** The default highWaterMark of a ReadStream (64 KiB, as Node and the original). */
export const DEFAULT_STREAM_HIGH_WATER_MARK = 64 * 1024

export const FileReadStream = ReadStream
export const FileWriteStream = WriteStream
export { ReadStream, WriteStream }
export default { ReadStream, WriteStream, FileReadStream, FileWriteStream, DEFAULT_STREAM_HIGH_WATER_MARK }
