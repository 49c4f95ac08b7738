/**
 * The Web Vitals of one page load: what the page records itself (an init script with
 * PerformanceObservers, before any of its own scripts run) and TTI computed from its long tasks
 * and the requests DevTools saw. Times are ms on the page's clock (since its time origin).
 */

/** What `window.__vitals()` returns. */
export interface PageVitals {
  /** First Contentful Paint; null before it. */
  fcp: number | null;
  /** Largest Contentful Paint: the last candidate (the bench never gives input, which would end them). */
  lcp: number | null;
  /** Cumulative Layout Shift: the largest session window (shifts < 1 s apart, window ≤ 5 s), shifts after input excluded. */
  cls: number;
  longTasks: { start: number; end: number }[];
  domContentLoaded: number | null;
  /** The page's clock when read. */
  now: number;
}

export interface NetworkRequest {
  url: string;
  start: number;
  /** Unset while in flight. */
  end?: number;
}

/**
 * Installs `window.__vitals()` in the page. JavaScript source, not a function: a function would be
 * serialized as tsx compiled it, with helpers the page does not have.
 */
export const VITALS_OBSERVER = `(() => {
  let fcp = null, lcp = null, cls = 0, windowValue = 0, windowStart = -Infinity, lastShift = -Infinity;
  const longTasks = [];
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch {} // an entry type this browser lacks: that metric stays empty
  };
  observe('paint', (entry) => { if (entry.name === 'first-contentful-paint') fcp = entry.startTime; });
  observe('largest-contentful-paint', (entry) => { lcp = entry.startTime; });
  observe('layout-shift', (shift) => {
    if (shift.hadRecentInput) return;
    if (shift.startTime - lastShift < 1000 && shift.startTime - windowStart < 5000) windowValue += shift.value;
    else { windowValue = shift.value; windowStart = shift.startTime; }
    lastShift = shift.startTime;
    cls = Math.max(cls, windowValue);
  });
  observe('longtask', (entry) => longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration }));
  window.__vitals = () => {
    const navigation = performance.getEntriesByType('navigation')[0];
    return { fcp, lcp, cls, longTasks, domContentLoaded: (navigation && navigation.domContentLoadedEventEnd) || null, now: performance.now() };
  };
})();`;

/** TTI's quiet window: this long with no long task and at most this many requests in flight. */
const QUIET_MS = 5000;
const MAX_IN_FLIGHT = 2;

/**
 * Time to Interactive as Lighthouse and the original definition compute it: from FCP, find the
 * first window of 5 s with no long task and at most 2 requests in flight; TTI is the end of the
 * last long task before that window (FCP when there is none), and no earlier than
 * DOMContentLoaded. Null until such a window has been observed to its end (`vitals.now`).
 *
 * Approximations: long tasks are the browser's (≥ 50 ms on the main thread, as throttled);
 * requests are the HTTP ones DevTools reports (the document, scripts, styles, fonts, images,
 * fetches; not WebSockets, which stay open by design); a request still in flight is busy up to
 * `now`.
 */
export function timeToInteractive(vitals: PageVitals, requests: NetworkRequest[]): number | null {
  if (vitals.fcp === null) return null;
  const busy = [...vitals.longTasks.map((t) => [t.start, t.end] as const), ...crowdedIntervals(requests, vitals.now)].sort(
    (a, b) => a[0] - b[0],
  );
  // Walk the busy intervals in order; a gap of QUIET_MS from FCP on is the quiet window.
  let quietStart = vitals.fcp;
  for (const [start, end] of busy) {
    if (end <= quietStart) continue;
    if (start - quietStart >= QUIET_MS) break;
    quietStart = Math.max(quietStart, end);
  }
  if (vitals.now - quietStart < QUIET_MS) return null;
  const lastLongTask = vitals.longTasks.filter((t) => t.end <= quietStart).reduce((last, t) => Math.max(last, t.end), vitals.fcp);
  return Math.max(lastLongTask, vitals.domContentLoaded ?? 0);
}

/** The intervals during which more than MAX_IN_FLIGHT requests were in flight. */
function crowdedIntervals(requests: NetworkRequest[], now: number): (readonly [number, number])[] {
  const edges = requests.flatMap((r) => [
    [r.start, 1],
    [r.end ?? now, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same instant
  const crowded: (readonly [number, number])[] = [];
  let inFlight = 0;
  let since = 0;
  for (const [at, change] of edges) {
    const before = inFlight;
    inFlight += change;
    if (before <= MAX_IN_FLIGHT && inFlight > MAX_IN_FLIGHT) since = at;
    if (before > MAX_IN_FLIGHT && inFlight <= MAX_IN_FLIGHT) crowded.push([since, at]);
  }
  if (inFlight > MAX_IN_FLIGHT) crowded.push([since, now]);
  return crowded;
}
