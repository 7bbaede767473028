// socket:application/menu — the app's menus as objects: the system menu (the window's menu bar), the tray
// menu and the current window's context menu, each an EventTarget that hears the items chosen from it. Setting
// one goes through socket:application / socket:window (the IDL's setSystemMenu, setTrayMenu, setContextMenu);
// choices arrive from the host as the window's `menuItemSelected` event, which each menu re-dispatches when
// the choice's `type` is its own. The menu text is the original's format ("Label: accelerator" lines).
import { onMenuItemSelected, window as windows, type MenuSelection } from '../../../generated/js/window.ts'
import { getCurrentWindowIndex, setSystemMenu, setSystemMenuItemEnabled, setTrayMenu } from '../application.ts'

export type MenuType = 'system' | 'tray' | 'context'

export interface MenuOptions { value: string, index?: number }

/** A `menuItemSelected` event on a Menu: `detail` is the host's `{ title, parent, type }`. */
export class MenuItemEvent extends CustomEvent<MenuSelection> {
  constructor (detail: MenuSelection) { super('menuItemSelected', { detail }) }
  get title (): string { return this.detail.title }
  get parent (): string { return this.detail.parent }
}

export class Menu extends EventTarget {
  readonly type: MenuType
  #value: string | null = null

  constructor (type: MenuType) {
    super()
    if (!['system', 'tray', 'context'].includes(type)) {
      throw Object.assign(new TypeError(`Menu type must be "system", "tray" or "context". Received ${String(type)}`), { code: 'ERR_INVALID_ARG_VALUE' })
    }
    this.type = type
  }

  /** The text last set through this object, or null. */
  get value (): string | null { return this.#value }

  /** Replaces the menu (the original's text format). */
  async set (value: string, index?: number): Promise<void> {
    await setMenu({ value, index }, this.type)
    this.#value = value
  }
}

export class SystemMenu extends Menu { constructor () { super('system') } }
export class TrayMenu extends Menu { constructor () { super('tray') } }
export class ContextMenu extends Menu { constructor () { super('context') } }

export class MenuContainer {
  readonly system = new SystemMenu()
  readonly tray = new TrayMenu()
  readonly context = new ContextMenu()

  constructor () {
    onMenuItemSelected((selection) => {
      const menu = this[selection.type as MenuType]
      if (menu instanceof Menu) menu.dispatchEvent(new MenuItemEvent(selection))
    })
  }
}

/** Sets the `type` menu (default the system menu) from `options.value`. */
export async function setMenu (options: MenuOptions, type: MenuType = 'system'): Promise<void> {
  if (typeof options?.value !== 'string') {
    throw Object.assign(new TypeError('The "options.value" property must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' })
  }
  if (type === 'system') await setSystemMenu(options)
  else if (type === 'tray') await setTrayMenu(options)
  else if (type === 'context') await windows.setContextMenu(options.value, options.index ?? getCurrentWindowIndex())
  else throw Object.assign(new TypeError(`Menu type must be "system", "tray" or "context". Received ${String(type)}`), { code: 'ERR_INVALID_ARG_VALUE' })
}

/** Enables or disables the system menu's item `indexSub` of menu `indexMain`. */
export async function setMenuItemEnabled (options: { enabled: boolean, indexMain: number, indexSub: number }): Promise<void> {
  await setSystemMenuItemEnabled(options)
}

export const container = new MenuContainer()
export default container
