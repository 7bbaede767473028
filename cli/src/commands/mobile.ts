// `setup`, `list-devices` and `install-app`: mobile targets cannot work on this host, and each says why.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { stringFlag, type ParsedArgs } from '../args.ts'
import { loadConfig } from '../config/load.ts'
import { CliError, NotSupportedError, UsageError } from '../errors.ts'
import { buildPaths } from '../build-steps/paths.ts'
import { checkPlatform, whyUnsupported } from './platform.ts'
import { HELP_FLAG, type Command } from './types.ts'

function requirePlatform (args: ParsedArgs, command: string): string {
  const platform = stringFlag(args, 'platform')
  if (platform === undefined) throw new UsageError(`"ssc ${command}" needs --platform=android or --platform=ios`)
  return platform
}

export const setupCommand: Command = {
  name: 'setup',
  summary: 'install a mobile toolchain (--platform=android|ios)',
  usage: 'ssc setup --platform=android|ios [-y] [-q]',
  flags: [
    { name: 'platform', value: 'required', help: 'android or ios' },
    { name: 'yes', short: 'y', value: 'none', help: 'answer yes to every prompt' },
    { name: 'quiet', short: 'q', value: 'none', help: 'print only errors' },
    HELP_FLAG
  ],
  details: ['For Linux itself, "npm run setup" installs what the host needs (scripts/apt-packages.txt).'],
  async run (args) {
    const platform = requirePlatform(args, 'setup')
    if (platform === 'linux') {
      throw new UsageError('"ssc setup" is for mobile toolchains; the Linux host is set up by "npm run setup"')
    }
    checkPlatform(platform, 'set up a toolchain')
    return 0
  }
}

export const listDevicesCommand: Command = {
  name: 'list-devices',
  summary: 'list connected mobile devices (--platform=android|ios)',
  usage: 'ssc list-devices --platform=android|ios [--ecid] [--udid] [--only]',
  flags: [
    { name: 'platform', value: 'required', help: 'android or ios' },
    { name: 'ecid', value: 'none', help: 'iOS: print ECIDs' },
    { name: 'udid', value: 'none', help: 'iOS: print UDIDs' },
    { name: 'only', value: 'none', help: 'print only the first device' },
    HELP_FLAG
  ],
  async run (args) {
    const platform = requirePlatform(args, 'list-devices')
    if (platform === 'linux') throw new UsageError('"ssc list-devices" lists mobile devices; Linux apps run on this machine')
    checkPlatform(platform, 'list devices')
    return 0
  }
}

export const installAppCommand: Command = {
  name: 'install-app',
  summary: 'install the built app: Linux runs dpkg -i on the .deb from "ssc build -p"',
  usage: 'ssc install-app [--platform=linux|android|ios] [--prod] [dir]',
  flags: [
    { name: 'platform', value: 'required', help: 'linux (default), android or ios' },
    { name: 'device', value: 'optional', help: 'mobile device id' },
    { name: 'target', value: 'required', help: 'macOS install root' },
    { name: 'prod', value: 'none', help: 'install the production build' },
    { name: 'debug', short: 'D', value: 'none', help: 'debug build' },
    { name: 'verbose', short: 'V', value: 'none', help: 'print commands' },
    HELP_FLAG
  ],
  async run (args) {
    const platform = stringFlag(args, 'platform') ?? 'linux'
    if (platform !== 'linux') throw new NotSupportedError(whyUnsupported(platform, 'install an app'))
    const paths = buildPaths(loadConfig(args.positionals[0] ?? '.'), args.flags.has('prod'))
    const deb = `${paths.root}.deb`
    if (!existsSync(deb)) throw new CliError(`${deb} does not exist: package it first with "ssc build -p"`)
    const root = process.getuid?.() === 0
    const command = root ? ['dpkg', '-i', deb] : ['sudo', 'dpkg', '-i', deb]
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit' })
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('exit', (code) => resolve(code ?? 1))
    })
  }
}
