// socket:window/constants — the window status codes (ApplicationWindow#getStatus) as the original numbers them.
import { windowConstants as constants } from '../../internal/window-constants.ts'

export const {
  WINDOW_ERROR, WINDOW_NONE, WINDOW_CREATING, WINDOW_CREATED, WINDOW_HIDING, WINDOW_HIDDEN, WINDOW_SHOWING,
  WINDOW_SHOWN, WINDOW_CLOSING, WINDOW_CLOSED, WINDOW_EXITING, WINDOW_EXITED, WINDOW_KILLING, WINDOW_KILLED
} = constants

export default constants
