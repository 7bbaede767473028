// socket:fs/bookmarks — the original's `temporary` map of file bookmarks (on Apple, security-scoped URLs the
// file pickers hand out, keyed by path). Linux has no security-scoped bookmarks: nothing in this runtime
// fills the map, and what a page may open is decided by the host's fs sandbox ([filesystem] allow), not by
// entries here. Apps that read or write it keep working.
export const temporary = new Map<string, unknown>()

export default { temporary }
