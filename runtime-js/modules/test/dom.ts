// DOM helpers for UI tests (the original's dom-helpers): find, wait for, click, type, check visibility.

export type Target = string | Element

export function sleep (ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The next animation frame; a hidden (headless) window paints no frames, so after 100 ms a timer stands in. */
export function nextFrame (): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(performance.now()), 100)
    globalThis.requestAnimationFrame((time) => { clearTimeout(timer); resolve(time) })
  })
}

/** The element for a selector (or the element itself); throws a clear error when nothing matches. */
export function toElement (target: Target, what = 'element'): Element {
  if (typeof target !== 'string') return target
  const element = document.querySelector(target)
  if (element === null) throw new Error(`no ${what} matches "${target}"`)
  return element
}

export function isVisible (element: Element): boolean {
  if (!element.isConnected) return false
  const style = globalThis.getComputedStyle(element)
  if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false
  const rect = element.getBoundingClientRect()
  return rect.width > 0 && rect.height > 0
}

export interface WaitOptions {
  /** Give up after this many ms (default 5000). */
  timeout?: number
  /** Poll every this many ms (default 16). */
  interval?: number
}

/**
 * Polls until `condition` returns a truthy value (a selector waits for a matching element) and resolves with
 * it; rejects with a message naming what was awaited after `timeout`.
 */
export async function waitFor<T> (condition: string | (() => T | Promise<T>), options: WaitOptions = {}): Promise<NonNullable<T> | Element> {
  const timeout = options.timeout ?? 5000
  const interval = options.interval ?? 16
  const deadline = Date.now() + timeout
  for (;;) {
    const value = typeof condition === 'string' ? document.querySelector(condition) : await condition()
    if (value !== null && value !== undefined && value !== false) return value as NonNullable<T> | Element
    if (Date.now() >= deadline) {
      throw new Error(`waitFor: ${typeof condition === 'string' ? `"${condition}"` : 'condition'} not met after ${timeout} ms`)
    }
    await sleep(interval)
  }
}

export interface TextOptions extends WaitOptions {
  text?: string
  regex?: RegExp
  /** Require the whole text to equal `text` instead of containing it. */
  exact?: boolean
}

/** Waits for an element (or one of its descendants) whose text matches. */
export async function waitForText (target: Target, options: TextOptions | string | RegExp): Promise<Element> {
  const opts: TextOptions = typeof options === 'string' ? { text: options } : options instanceof RegExp ? { regex: options } : options
  const matches = (text: string): boolean => opts.regex !== undefined
    ? opts.regex.test(text)
    : opts.exact === true ? text.trim() === opts.text : text.includes(opts.text ?? '')
  const found = await waitFor(() => {
    const root = typeof target === 'string' ? document.querySelector(target) : target
    if (root === null) return null
    if (matches(root.textContent ?? '')) {
      const inner = [...root.querySelectorAll('*')].reverse().find((el) => matches(el.textContent ?? ''))
      return inner ?? root
    }
    return null
  }, opts)
  return found as Element
}

export function click (target: Target): Element {
  const element = toElement(target)
  ;(element as HTMLElement).click()
  return element
}

/** A click as an event (bubbling MouseEvent), for listeners that ignore `element.click()`. */
export function eventClick (target: Target): Element {
  const element = toElement(target)
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: globalThis as unknown as Window }))
  return element
}

export function dispatch (event: Event | string, target: Target | EventTarget = document): boolean {
  const on = typeof target === 'string' || target instanceof Element ? toElement(target) : target
  return on.dispatchEvent(typeof event === 'string' ? new Event(event, { bubbles: true }) : event)
}

export function focus (target: Target): Element {
  const element = toElement(target)
  ;(element as HTMLElement).focus()
  return element
}

export function blur (target: Target): Element {
  const element = toElement(target)
  ;(element as HTMLElement).blur()
  return element
}

/** Types `text` into an input or textarea one character at a time, with the events a user would cause. */
export async function type (target: Target, text: string): Promise<Element> {
  const element = toElement(target) as HTMLInputElement
  element.focus()
  for (const char of text) {
    element.dispatchEvent(new KeyboardEvent('keydown', { key: char, bubbles: true }))
    element.value += char
    element.dispatchEvent(new InputEvent('input', { data: char, inputType: 'insertText', bubbles: true }))
    element.dispatchEvent(new KeyboardEvent('keyup', { key: char, bubbles: true }))
    await sleep(0)
  }
  element.dispatchEvent(new Event('change', { bubbles: true }))
  return element
}

export function appendChild (parent: Target, child: Node | string): Node {
  const node = typeof child === 'string' ? document.createRange().createContextualFragment(child) : child
  return toElement(parent, 'parent').appendChild(node)
}

export function removeElement (target: Target): void {
  toElement(target).remove()
}
