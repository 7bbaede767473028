package socket.android

import socket.api.process.CwdArgs
import socket.api.process.EnvGetArgs
import socket.api.process.ExitArgs
import socket.api.process.Process
import socket.api.process.ProcessService
import socket.ipc.Context
import socket.ipc.Reply

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
  override fun envGet(context: Context, args: EnvGetArgs, reply: Reply) = answer(reply) {
    Process.resolveEnvGet(reply, config["env_${args.key}"])
  }

  override fun cwd(context: Context, args: CwdArgs, reply: Reply) = answer(reply) {
    Process.resolveCwd(reply, home())
  }

  override fun exit(context: Context, args: ExitArgs, reply: Reply) = answer(reply) {
    Process.resolveExit(reply)
    finish(args.value)
  }
}
