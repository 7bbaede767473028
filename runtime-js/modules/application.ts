// socket:application — the app's windows, menus, exit and backend, over the IDL's application, window and
// process capabilities (generated/js/*.ts).
import { application as binding } from '../../generated/js/application.ts'
import { window as windows, type WindowOptions } from '../../generated/js/window.ts'
import { process as backendBinding, type BackendInfo } from '../../generated/js/process.ts'
import { ApplicationWindow } from './window.ts'
import { runtimeArgs } from '../internal/args.ts'
import { hostPrimordials } from '../internal/host.ts'
import { codedError, invalidArgType, validateInteger } from '../internal/errors.ts'

const INT32_MIN = -2147483648, INT32_MAX = 2147483647

/** The most windows an app may have (the host's limit). */
export const MAX_WINDOWS = 32

export const config: Readonly<Record<string, unknown>> = runtimeArgs().config
export const debug: boolean = runtimeArgs().debug

export function getCurrentWindowIndex (): number {
  return runtimeArgs().index
}

/** The original's createWindow options: `index` and `path` plus the IDL's WindowOptions. */
export interface CreateWindowOptions extends Partial<Omit<WindowOptions, 'targetWindowIndex' | 'url'>> {
  index: number
  path?: string
  url?: string
}

export async function createWindow (options: CreateWindowOptions): Promise<ApplicationWindow> {
  if (!Number.isInteger(options?.index) || options.index < 0 || options.index >= MAX_WINDOWS) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `createWindow: "index" must be an integer in [0, ${MAX_WINDOWS}). Received ${String(options?.index)}`)
  }
  const { index, path, url, ...rest } = options
  const target = new URL(url ?? path ?? '/', globalThis.location?.href ?? 'socket://localhost/').href
  const info = await windows.create({ ...rest, targetWindowIndex: index, url: target })
  return new ApplicationWindow(info)
}

/** The app's windows by index (all of them, or those in `indices`). */
export async function getWindows (indices?: number[]): Promise<Map<number, ApplicationWindow>> {
  if (indices !== undefined && (!Array.isArray(indices) || !indices.every((i) => Number.isInteger(i) && i >= 0))) {
    throw invalidArgType('indices', 'an array of window indices (integers >= 0)', indices)
  }
  const list = await binding.getWindows(indices)
  return new Map(list.map((w) => [w.index, new ApplicationWindow({
    index: w.index, title: w.title, size: { width: w.width, height: w.height }, position: { x: w.x, y: w.y }, status: w.visible ? 'shown' : 'hidden'
  })]))
}

export async function getWindow (index: number): Promise<ApplicationWindow | undefined> {
  return (await getWindows([index])).get(index)
}

export async function getCurrentWindow (): Promise<ApplicationWindow | undefined> {
  return await getWindow(getCurrentWindowIndex())
}

export async function getScreenSize (): Promise<{ width: number, height: number }> {
  return await binding.getScreenSize()
}

/** Ends the app with `code` (the host's exit status). */
export async function exit (code?: number | null): Promise<void> {
  // As the original, a missing code is 0; anything else must be an integer status.
  await binding.exit(validateInteger(code ?? 0, 'code', INT32_MIN, INT32_MAX))
}

export async function setSystemMenu (options: { value: string, index?: number }): Promise<void> {
  await binding.setSystemMenu(menuText(options))
}

export async function setTrayMenu (options: { value: string, index?: number }): Promise<void> {
  await binding.setTrayMenu(menuText(options))
}

export async function setSystemMenuItemEnabled (options: { enabled: boolean, indexMain: number, indexSub: number }): Promise<void> {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options)
  if (typeof options.enabled !== 'boolean') throw invalidArgType('options.enabled', 'of type boolean', options.enabled)
  const indexMain = validateInteger(options.indexMain, 'options.indexMain', 0, INT32_MAX)
  const indexSub = validateInteger(options.indexSub, 'options.indexSub', 0, INT32_MAX)
  await binding.setSystemMenuItemEnabled(options.enabled, indexMain, indexSub)
}

/** The menu description of `{ value }`, checked here so bad input is a typed error, not a TypeError on `undefined`. */
function menuText (options: { value: string }): string {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options)
  if (typeof options.value !== 'string') throw invalidArgType('options.value', 'of type string', options.value)
  return options.value
}

/** The runtime's version (`full`, e.g. "0.1.0 (abc123)"). */
export function runtimeVersion (): string {
  return hostPrimordials().version.full
}

/** The `[linux] cmd` backend process. */
export const backend = {
  async open (options: { force?: boolean } = {}): Promise<BackendInfo> {
    return await backendBinding.open(options.force ?? false)
  },
  async close (): Promise<void> {
    await backendBinding.kill()
  },
  async send (event: string, value?: unknown): Promise<void> {
    await backendBinding.write(event, value)
  }
}

export default {
  MAX_WINDOWS, config, debug, backend, createWindow, getWindows, getWindow, getCurrentWindow, getCurrentWindowIndex,
  getScreenSize, exit, setSystemMenu, setTrayMenu, setSystemMenuItemEnabled, runtimeVersion
}
