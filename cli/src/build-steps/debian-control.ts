// DEBIAN/control for `dpkg-deb`: package name, version, architecture and the host's runtime libraries.
import { configValue, type AppConfig } from '../config/load.ts'
import { debianArch } from './paths.ts'

/** Debian package names are lowercase `[a-z0-9+.-]`, starting with a letter or digit. */
export function debianPackageName (name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9+.-]/g, '-').replace(/^[^a-z0-9]+/, '')
}

export function debianControl (config: AppConfig, name: string, installedKiB: number): string {
  const title = configValue(config, 'meta_title', name)
  const description = configValue(config, 'meta_description', title)
  const maintainer = configValue(config, 'meta_maintainer', 'Unknown <unknown@localhost>')
  return [
    `Package: ${debianPackageName(name)}`,
    `Version: ${configValue(config, 'meta_version', '1.0.0')}`,
    `Architecture: ${debianArch()}`,
    `Maintainer: ${maintainer.includes('<') ? maintainer : `${maintainer} <unknown@localhost>`}`,
    `Installed-Size: ${Math.max(1, Math.ceil(installedKiB))}`,
    'Depends: libwebkit2gtk-4.1-0, libgtk-3-0',
    'Section: misc',
    'Priority: optional',
    `Description: ${title.replace(/[\r\n]+/g, ' ')}`,
    ...description.split(/\r?\n/).map((line) => ` ${line.trim() === '' ? '.' : line}`)
  ].join('\n') + '\n'
}
