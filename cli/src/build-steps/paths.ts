// The Linux output layout, Debian-style: <output>/linux/<name>[-dev]_v<version>-1_<arch>/opt/<name>/...
import { join } from 'node:path'
import { configValue, type AppConfig } from '../config/load.ts'
import { NotSupportedError } from '../errors.ts'

export interface BuildPaths {
  /** The app's name as built: `build_name`, plus `-dev` unless `--prod`. */
  name: string
  /** `<project>/<build_output>/linux`. */
  platformDir: string
  /** The package root, `…/linux/<name>_v<version>-1_<arch>`. */
  root: string
  /** Where the executable, app files, `socket/` and `socket-config.json` live (`opt/<name>`). */
  resources: string
  executable: string
  desktopFile: string
  controlFile: string
  iconFile: string
}

export function debianArch (arch = process.arch): string {
  if (arch === 'x64') return 'amd64'
  if (arch === 'arm64') return 'arm64'
  throw new NotSupportedError(`building for CPU architecture "${arch}" is not supported: only x64 (amd64) and arm64`)
}

export function buildPaths (config: AppConfig, prod: boolean): BuildPaths {
  const name = configValue(config, 'build_name') + (prod ? '' : '-dev')
  const version = configValue(config, 'meta_version', '1.0.0')
  const platformDir = join(config.dir, configValue(config, 'build_output', 'build'), 'linux')
  const root = join(platformDir, `${name}_v${version}-1_${debianArch()}`)
  const resources = join(root, 'opt', name)
  return {
    name,
    platformDir,
    root,
    resources,
    executable: join(resources, name),
    desktopFile: join(root, 'usr', 'share', 'applications', `${name}.desktop`),
    controlFile: join(root, 'DEBIAN', 'control'),
    iconFile: join(root, 'usr', 'share', 'icons', 'hicolor', '256x256', 'apps', `${name}.png`)
  }
}
