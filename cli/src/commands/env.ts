// `ssc env`: the environment variables ssc and the toolchains it drives read.
import { hostBinaryPath, runtimeJsPath, REPO_ROOT } from '../repo.ts'
import { HELP_FLAG, type Command } from './types.ts'

const VARIABLES = ['SOCKET_HOME', 'SOCKET_HOME_API', 'SSC_HOST_BINARY', 'PREFIX', 'CXX', 'DISPLAY', 'WAYLAND_DISPLAY',
  'TMPDIR', 'ANDROID_HOME', 'ANDROID_SDK_ROOT', 'JAVA_HOME', 'GRADLE_HOME', 'NDK_HOME']

export const envCommand: Command = {
  name: 'env',
  summary: 'print the environment variables ssc uses',
  usage: 'ssc env',
  flags: [HELP_FLAG],
  async run () {
    for (const name of VARIABLES) console.log(`${name}=${process.env[name] ?? ''}`)
    console.log(`# resolved: SOCKET_HOME=${process.env.SOCKET_HOME ?? REPO_ROOT}`)
    console.log(`# resolved: host=${hostBinaryPath()}`)
    console.log(`# resolved: runtime JS=${runtimeJsPath()}`)
    return 0
  }
}
