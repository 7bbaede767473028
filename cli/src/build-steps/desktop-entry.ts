// The freedesktop `.desktop` file: how the installed app appears in menus and which deep links it opens.
import { configValue, type AppConfig } from '../config/load.ts'

export function desktopEntry (config: AppConfig, name: string): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${oneLine(configValue(config, 'meta_title', name))}`,
    `Comment=${oneLine(configValue(config, 'meta_description', configValue(config, 'meta_title', name)))}`,
    `Exec=/opt/${name}/${name} %U`,
    `Icon=${name}`,
    'Terminal=false',
    `StartupWMClass=${name}`,
    `Categories=${categories(configValue(config, 'linux_categories', 'Utility'))}`
  ]
  const protocol = configValue(config, 'meta_application_protocol')
  if (protocol !== '') lines.push(`MimeType=x-scheme-handler/${protocol};`)
  return lines.join('\n') + '\n'
}

function oneLine (text: string): string {
  return text.replace(/[\r\n]+/g, ' ')
}

/** The spec wants a `;`-terminated list; socket.ini users write spaces, commas or semicolons. */
function categories (value: string): string {
  return value.split(/[\s,;]+/).filter((c) => c !== '').map((c) => `${c};`).join('')
}
