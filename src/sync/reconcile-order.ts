// The one order of everything in a reconcile report. Natural order (P-9 before P-10, DR-4 before
// DR-10) because people read it, and code-unit comparison of the non-digit parts (never localeCompare,
// which varies by host), so the same data gives the same bytes everywhere.
import type { PolicyItem } from "../reports/reconcile-report.js";

const CHUNK = /(\d+)/;

export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  const pa = a.split(CHUNK);
  const pb = b.split(CHUNK);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    // split() with a capture group puts the digit runs at odd indexes.
    if (i % 2 === 1) {
      const byValue = compareDigits(x, y);
      if (byValue !== 0) return byValue;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length || (a < b ? -1 : 1);
}

/** Digit runs by numeric value without Number() (ids can exceed 2^53): shorter after leading zeros is smaller. */
function compareDigits(x: string, y: string): number {
  const sx = x.replace(/^0+(?=\d)/, "");
  const sy = y.replace(/^0+(?=\d)/, "");
  if (sx.length !== sy.length) return sx.length - sy.length;
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

const SEVERITY_ORDER: Record<PolicyItem["severity"], number> = { violation: 0, action: 1, "not-checkable": 2, info: 3 };

/** Violations first (what ops must fix), then what partner-sync did, then what it could not check. */
export function comparePolicyItems(a: PolicyItem, b: PolicyItem): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || naturalCompare(a.rule, b.rule)
    || naturalCompare(a.code, b.code)
    || naturalCompare(a.entity, b.entity)
    || naturalCompare(a.key, b.key)
    || naturalCompare(a.message, b.message);
}
