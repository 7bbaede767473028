// socket:fs/handle — the original's FileHandle (fs/promises' FileHandle, with its static open/access/from)
// and DirectoryHandle (an open directory read in batches).
import { FileHandle } from '../../internal/fs/handle.ts'
import { DirectoryHandle } from '../../internal/fs/directory-handle.ts'

export { FileHandle, DirectoryHandle }
export default { FileHandle, DirectoryHandle }
