// `ssc run [dir]`: runs an app that `ssc build` already laid out.
import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import { stringFlag } from '../args.ts'
import { loadConfig } from '../config/load.ts'
import { CliError, UsageError } from '../errors.ts'
import { Log } from '../log.ts'
import { buildPaths } from '../build-steps/paths.ts'
import { launchApp } from '../run/launch.ts'
import { RUN_FLAGS, applyRcOptions, parseEnvFlag, placeTestFile, testTimeoutFlag } from './build.ts'
import { checkPlatform } from './platform.ts'
import type { Command } from './types.ts'

export const runCommand: Command = {
  name: 'run',
  summary: 'run the already built app in [dir] (default: .)',
  usage: 'ssc run [options] [dir] [-- app arguments]',
  flags: RUN_FLAGS,
  async run (args) {
    const dir = args.positionals[0] ?? '.'
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`)
    const config = loadConfig(dir)
    applyRcOptions(args, config, RUN_FLAGS)
    checkPlatform(stringFlag(args, 'platform'), 'run')
    const log = new Log({ quiet: args.flags.has('quiet'), verbose: args.flags.has('verbose') })
    const paths = buildPaths(config, args.flags.has('prod'))
    if (!existsSync(paths.executable)) {
      throw new CliError(`${relative(process.cwd(), paths.executable)} is not built: run "ssc build${args.flags.has('prod') ? ' --prod' : ''} ${dir}" first`)
    }
    Object.assign(config.env, parseEnvFlag(args))
    return await launchApp({
      executable: paths.executable,
      config,
      headless: args.flags.has('headless'),
      test: args.flags.has('test') ? placeTestFile(stringFlag(args, 'test')!, config, paths.resources) : undefined,
      testTimeout: testTimeoutFlag(stringFlag(args, 'test-timeout')),
      port: stringFlag(args, 'port'),
      host: stringFlag(args, 'host') ?? (args.flags.has('port') ? 'localhost' : undefined),
      debug: args.flags.has('debug'),
      argv: args.rest,
      log
    })
  }
}
