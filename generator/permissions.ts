// The permissions an IDL route may require, with the decision a socket.ini that says nothing gets. One table
// for every backend and for docs/permissions.md: the host reads it from generated/cpp/permissions.hh.
// `[Permission=none]` marks a route every app page may call (its own checks, e.g. file-system roots, apply).

export interface PermissionInfo {
  name: string
  granted: boolean   // the decision when socket.ini has no `[permissions] allow_<name>` key
  gates: string      // what a page can do with it, for the docs and the generated table
}

export const PUBLIC_PERMISSION = 'none'

export const PERMISSIONS: readonly PermissionInfo[] = [
  { name: 'bluetooth', granted: true, gates: 'Bluetooth LE: advertising, subscribing to and publishing characteristics (on by default, as in the original Socket Runtime)' },
  { name: 'child_process', granted: false, gates: 'starting, feeding and signalling programs of the user (child_process.spawn/exec/kill/write)' },
  { name: 'env_write', granted: false, gates: 'setting environment variables (process.env.set) that later child processes and backends inherit; never the environment of the host itself, and never a variable that loads code' },
  { name: 'extensions', granted: true, gates: 'loading the native extensions the app built from `[build.extensions]` and calling their routes (extension.load/unload/stats/type/call); nothing else can be loaded' },
  { name: 'hotkeys', granted: true, gates: 'grabbing global key combinations on the desktop (hotkey.bind; window hotkeys need no permission)' },
  { name: 'notifications', granted: true, gates: 'showing and closing desktop notifications (notification.show/close)' },
  { name: 'open_external', granted: false, gates: 'handing a URL or a file to another application of the desktop (platform.openExternal, platform.revealFile)' },
  { name: 'service_worker', granted: true, gates: 'registering service workers on the app\'s own origin, which then answer the app\'s requests under their scope (service_worker.register/unregister/postMessage; the container routes answer only the hidden container window)' },
  { name: 'set_priority', granted: false, gates: 'changing the scheduling priority of any process the user owns (os.setPriority)' }
]

export function permissionNamed (name: string): PermissionInfo | undefined {
  return PERMISSIONS.find((permission) => permission.name === name)
}

/** The flattened socket.ini key the host reads: `[permissions] allow_<name>`. */
export function grantKey (name: string): string {
  return `permissions_allow_${name}`
}
