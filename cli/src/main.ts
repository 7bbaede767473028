// Entry point of `ssc`: picks the command, parses its flags, and turns typed errors into messages and statuses.
import { parseArgs } from './args.ts'
import { CliError } from './errors.ts'
import { commandHelp, globalHelp } from './help.ts'
import { REPO_ROOT, cliCommit, cliVersion } from './repo.ts'
import { buildCommand } from './commands/build.ts'
import { envCommand } from './commands/env.ts'
import { initCommand } from './commands/init.ts'
import { installAppCommand, listDevicesCommand, setupCommand } from './commands/mobile.ts'
import { printBuildDirCommand } from './commands/print-build-dir.ts'
import { runCommand } from './commands/run.ts'
import type { Command } from './commands/types.ts'

const COMMANDS: Command[] = [initCommand, buildCommand, runCommand, printBuildDirCommand, envCommand,
  setupCommand, listDevicesCommand, installAppCommand]

/** Runs `ssc` with `argv` (without node and the script) and returns the exit status. */
export async function main (argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv
    if (first === undefined || first === '-h' || first === '--help') {
      console.log(globalHelp(COMMANDS))
      return first === undefined ? 2 : 0
    }
    if (first === '-v' || first === '--version') {
      console.log(`v${cliVersion()} (${cliCommit()})`)
      console.log(`Installation path: ${process.env.SOCKET_HOME ?? REPO_ROOT}`)
      return 0
    }
    if (first === '--prefix') {
      console.log(process.env.SOCKET_HOME ?? REPO_ROOT)
      return 0
    }
    if (first === 'help') {
      const command = COMMANDS.find((c) => c.name === rest[0])
      console.log(command !== undefined ? commandHelp(command) : globalHelp(COMMANDS))
      return command !== undefined || rest[0] === undefined ? 0 : 2
    }
    const command = COMMANDS.find((c) => c.name === first)
    if (command === undefined) {
      process.stderr.write(`ssc: unknown command "${first}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`)
      return 2
    }
    const args = parseArgs(rest, command.flags, command.name)
    if (args.flags.has('help')) {
      console.log(commandHelp(command))
      return 0
    }
    return await command.run(args)
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`ssc: ${error.name === 'CliError' ? 'error' : error.name}: ${error.message}\n`)
      return error.exitCode
    }
    throw error
  }
}
