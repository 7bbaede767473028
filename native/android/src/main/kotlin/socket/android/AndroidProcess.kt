package socket.android

import socket.api.process.CwdArgs
import socket.api.process.EnvGetArgs
import socket.api.process.ExitArgs
import socket.api.process.ProcessService
import socket.ipc.Context

/**
 * `process` on Android. The environment a page sees is the app's own variables from socket.ini (`[env]`, keys
 * `env_<NAME>`), never the host's; `cwd` is the app's files directory; `exit` finishes the activity. There is no
 * backend process on Android (no `[linux] cmd` equivalent), so `process.open/kill/write` and `process.env.set`
 * answer NotSupportedError (the latter after its `env_write` permission check).
 */
class AndroidProcess(
  private val config: AppConfig,
  private val home: () -> String,
  private val finish: (Int) -> Unit
) : ProcessService by Unsupported.service("process") {
  override suspend fun envGet(context: Context, args: EnvGetArgs): String? = config["env_${args.key}"]

  override suspend fun cwd(context: Context, args: CwdArgs): String = home()

  override suspend fun exit(context: Context, args: ExitArgs) = finish(args.value)
}
