// socket:window — ApplicationWindow, a handle on one of the app's windows (by index), over the IDL's window
// capability. Methods resolve with the window's updated state; events are the page's own globalThis events.
import { window as binding, type Color, type FilePickerOptions, type WindowInfo } from '../../generated/js/window.ts'
import { os } from '../../generated/js/os.ts'
import { windowConstants } from '../internal/window-constants.ts'

export interface WindowState { index: number, title?: string, size?: { width: number, height: number }, position?: { x: number, y: number }, status?: string }

export class ApplicationWindow {
  #state: WindowState

  constructor (state: WindowState) {
    this.#state = { ...state }
  }

  get index (): number { return this.#state.index }

  getSize (): { width: number, height: number } { return { ...(this.#state.size ?? { width: 0, height: 0 }) } }
  getPosition (): { x: number, y: number } { return { ...(this.#state.position ?? { x: 0, y: 0 }) } }
  getTitle (): string { return this.#state.title ?? '' }
  getStatus (): string { return this.#state.status ?? 'created' }

  #update (info: WindowInfo): this {
    this.#state = { ...this.#state, ...info }
    return this
  }

  async close (): Promise<this> { return this.#update(await binding.close(this.index)) }
  async show (): Promise<this> { return this.#update(await binding.show(this.index)) }
  async hide (): Promise<this> { return this.#update(await binding.hide(this.index)) }
  async maximize (): Promise<this> { return this.#update(await binding.maximize(this.index)) }
  async minimize (): Promise<this> { return this.#update(await binding.minimize(this.index)) }
  async restore (): Promise<this> { return this.#update(await binding.restore(this.index)) }
  async setTitle (title: string): Promise<this> { return this.#update(await binding.setTitle(String(title), this.index)) }
  async navigate (path: string): Promise<this> { return this.#update(await binding.navigate(String(path), this.index)) }
  async showInspector (): Promise<void> { await binding.showInspector(this.index) }
  async getBackgroundColor (): Promise<Color> { return await binding.getBackgroundColor(this.index) }
  async setContextMenu (value: string | Record<string, string>): Promise<void> { await binding.setContextMenu(typeof value === 'string' ? value : menuText(value), this.index) }

  async setSize (size: { width: number | string, height: number | string }): Promise<this> {
    return this.#update(await binding.setSize(toPixels(size.width), toPixels(size.height), this.index))
  }

  async setPosition (position: { x: number, y: number }): Promise<this> {
    return this.#update(await binding.setPosition(position.x, position.y, this.index))
  }

  async setBackgroundColor (color: { red: number, green: number, blue: number, alpha?: number }): Promise<void> {
    await binding.setBackgroundColor(color.red, color.green, color.blue, color.alpha, this.index)
  }

  async showOpenFilePicker (options: Omit<FilePickerOptions, 'type'> = {}): Promise<string[]> {
    return await binding.showFileSystemPicker({ ...options, type: 'open' })
  }

  async showSaveFilePicker (options: Omit<FilePickerOptions, 'type'> = {}): Promise<string[]> {
    return await binding.showFileSystemPicker({ ...options, type: 'save' })
  }

  async showDirectoryFilePicker (options: Omit<FilePickerOptions, 'type'> = {}): Promise<string[]> {
    return await binding.showFileSystemPicker({ ...options, type: 'directory' })
  }

  /** Dispatches `event` with `value` in this window (or in `options.window`, another index). */
  async send (options: { event: string, value?: unknown, window?: number }): Promise<void> {
    await binding.send(options.event, options.value, options.window ?? this.index)
  }

  /** postMessage to this window: it receives a `message` event (the original's window.postMessage). */
  async postMessage (message: unknown): Promise<void> {
    await binding.send('message', message, this.index)
  }

  async openExternal (value: string): Promise<void> { await os.openExternal(String(value)) }
  async revealFile (value: string): Promise<void> { await os.revealFile(String(value)) }

  /** Window events arrive as globalThis events of the page; these register on it, as the original did. */
  addListener (event: string, listener: (event: Event) => void): this {
    globalThis.addEventListener(event, listener)
    return this
  }

  on (event: string, listener: (event: Event) => void): this { return this.addListener(event, listener) }

  once (event: string, listener: (event: Event) => void): this {
    globalThis.addEventListener(event, listener, { once: true })
    return this
  }

  removeListener (event: string, listener: (event: Event) => void): this {
    globalThis.removeEventListener(event, listener)
    return this
  }

  off (event: string, listener: (event: Event) => void): this { return this.removeListener(event, listener) }

  toJSON (): WindowState { return { ...this.#state } }
}

/** Sizes may be given as "50%" of the screen; the IDL's setSize takes pixels, so a percentage is resolved here. */
function toPixels (value: number | string): number {
  if (typeof value === 'number') return value
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value)
  if (percent !== null) return Math.round((Number(percent[1]) / 100) * (globalThis.screen?.width ?? 0))
  return Number(value)
}

/** `{ 'Copy': 'c', 'Paste': 'v' }` in the original's context-menu text form (`Copy:c\nPaste:v`). */
function menuText (items: Record<string, string>): string {
  return Object.entries(items).map(([label, key]) => `${label}:${key}`).join('\n')
}

export const constants = windowConstants

export default ApplicationWindow
