// The portal stamps and shows `Updated` to the second, while a window's instants (run start −
// safety lag, minus the lookback) carry milliseconds. A record written in the second a read's window
// ends in — after that read — is stamped at the start of that second, i.e. *before* the window's
// end: a watermark at that end (12:00:05.200) would pass a change stamped 12:00:05 that no read saw,
// and the next window, starting at the watermark (lookback 0, or a lookback shorter than a second),
// would skip it for good. So the portal is read in whole seconds: a window starts at the start of its
// start's second, and the reader's coverage (the watermark) never covers a partial second. The end
// stays as given: a record of the last partial second that was already written is read now and read
// again by the next window, which starts at that second (an echo, skipped by its record hash).
import type { ReadWindow } from "../connector.js";

const SECOND = 1000;

/** The start of the second `d` falls in (also before 1970, where `%` would round up). */
export function floorToSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / SECOND) * SECOND);
}

/** The window as the portal's second-precision `Updated` can honour it: the start floored to its second. */
export function portalWindow(window: ReadWindow): ReadWindow {
  return { start: window.start ? floorToSecond(window.start) : null, end: window.end };
}
