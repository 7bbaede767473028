// `ssc print-build-dir [dir]`: where a build script should write (the resources dir), or `--root` the package root.
import { stringFlag } from '../args.ts'
import { loadConfig } from '../config/load.ts'
import { UsageError } from '../errors.ts'
import { buildPaths } from '../build-steps/paths.ts'
import { checkPlatform } from './platform.ts'
import { androidPaths } from '../android/project.ts'
import { HELP_FLAG, type Command } from './types.ts'

export const printBuildDirCommand: Command = {
  name: 'print-build-dir',
  summary: 'print the directory the app in [dir] is built into',
  usage: 'ssc print-build-dir [--prod] [--root] [dir]',
  flags: [
    { name: 'prod', value: 'none', help: 'the production build\'s directory (no -dev suffix)' },
    { name: 'root', value: 'none', help: 'the package root instead of the resources directory' },
    { name: 'platform', value: 'required', help: 'linux (default), or android: the Gradle project\'s assets/app (where a bundler writes), with --root the project' },
    HELP_FLAG
  ],
  async run (args) {
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`)
    const platform = stringFlag(args, 'platform')
    if (platform === 'android') {
      const android = androidPaths(loadConfig(args.positionals[0] ?? '.'), args.flags.has('prod'))
      console.log(args.flags.has('root') ? android.root : android.assets)
      return 0
    }
    checkPlatform(platform, 'print the build directory')
    const paths = buildPaths(loadConfig(args.positionals[0] ?? '.'), args.flags.has('prod'))
    console.log(args.flags.has('root') ? paths.root : paths.resources)
    return 0
  }
}
