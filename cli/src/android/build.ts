// The Android branch of `ssc build`: what it can do here (write and compile the project) and what it cannot.
import type { ParsedArgs } from '../args.ts'
import { configValue, type AppConfig } from '../config/load.ts'
import { NotSupportedError } from '../errors.ts'
import type { Log } from '../log.ts'
import { runBuildScript } from '../build-steps/script.ts'
import { writeAndroidProject } from './project.ts'

const NEEDS_SDK = 'needs the Android SDK (aapt2, d8, adb) and a device or emulator, which this machine does not have'
const REFUSED = [
  ['run', 'running the app (-r)'], ['package', 'packaging an APK (-p)'], ['watch', 'watching (-w)'],
  ['test', 'running a test in the app (--test)'], ['port', 'loading a dev server (--port)']
] as const

/** Refuses what an Android build cannot do here, before anything is written. */
function checkAndroidFlags (args: ParsedArgs): void {
  for (const [flag, what] of REFUSED) {
    if (args.flags.has(flag)) {
      throw new NotSupportedError(`${what} ${NEEDS_SDK}; "ssc build --platform=android" writes the Gradle project, which builds the APK where the SDK is (docs/mobile.md)`)
    }
  }
}

export async function buildAndroid (args: ParsedArgs, config: AppConfig, log: Log): Promise<number> {
  checkAndroidFlags(args)
  const prod = args.flags.has('prod')
  const script = configValue(config, 'build_script')
  const project = await writeAndroidProject(config, {
    prod,
    log,
    // The [build] script writes into the folder it is given, here the project's assets/app (as on Linux, its resources).
    beforeCopy: script === '' ? undefined : async (appAssets, root) => {
      const done = log.step(`running [build] script "${script}"`)
      await runBuildScript({
        script, cwd: config.dir, resources: appAssets, root, debug: !prod, watch: false,
        forwardArguments: configValue(config, 'build_script_forward_arguments') === 'true', forwarded: args.rest, env: config.env, log
      })
      done()
    }
  })
  console.log(project.root)
  return 0
}
