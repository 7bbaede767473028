// socket:test/dom-helpers — the original's DOM helpers as plain functions (the same ones `t.*` offers).
import {
  appendChild, blur, click, dispatch, eventClick, focus, isVisible, nextFrame, removeElement, sleep, toElement,
  type, waitFor, waitForText, type Target
} from './dom.ts'

export { appendChild, blur, click, eventClick, focus, removeElement, sleep, toElement, type, waitFor, waitForText }
export type { Target }
export const requestAnimationFrame = nextFrame
/** Dispatches `event` (an Event or a type name) on `target` (default: document). */
export const event = dispatch

/** Resolves with the element once it is visible. */
export async function elementVisible (target: Target, options?: { timeout?: number }): Promise<Element> {
  return await waitFor(() => { const e = typeof target === 'string' ? document.querySelector(target) : target; return e !== null && isVisible(e) ? e : null }, options) as Element
}

/** Resolves once the element is gone or hidden. */
export async function elementInvisible (target: Target, options?: { timeout?: number }): Promise<true> {
  return await waitFor(() => { const e = typeof target === 'string' ? document.querySelector(target) : target; return e === null || !isVisible(e) ? true : null }, options) as true
}

export default {
  appendChild, blur, click, elementInvisible, elementVisible, event, eventClick, focus, removeElement,
  requestAnimationFrame, sleep, toElement, type, waitFor, waitForText
}
