// The window status codes as the original numbers them (socket:window's `constants`, socket:window/constants).
export const windowConstants = Object.freeze({
  WINDOW_ERROR: -1, WINDOW_NONE: 0, WINDOW_CREATING: 10, WINDOW_CREATED: 11, WINDOW_HIDING: 20, WINDOW_HIDDEN: 21,
  WINDOW_SHOWING: 30, WINDOW_SHOWN: 31, WINDOW_CLOSING: 40, WINDOW_CLOSED: 41, WINDOW_EXITING: 50, WINDOW_EXITED: 51,
  WINDOW_KILLING: 60, WINDOW_KILLED: 61
})
