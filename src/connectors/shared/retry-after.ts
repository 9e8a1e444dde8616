// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); both occur in the wild
// (Salesforce and Coupa send seconds, proxies and CDNs send dates). Anything else is ignored rather
// than guessed at.

/** Milliseconds to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP-date always names its weekday and "GMT"; Date.parse alone accepts too much.
  if (/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) {
    const at = Date.parse(v);
    if (Number.isFinite(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
}
