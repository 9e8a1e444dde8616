// The `derived.reasonCodes` value of a write: its reasons' "rule:code" texts, first occurrence order.
import type { Reason } from "../../rules/decision.js";

/**
 * `"rule:code"` texts made once per pass: a pass has a few dozen distinct codes and 100k+ writes, so
 * every write shares them (and `includes` finds a repeat by identity) instead of building new strings.
 * Each text is kept as a one-code list, and writes with one code (most) share that list: the lists
 * are part of a pass's result, which nothing changes once decided (100k arrays fewer kept per pass).
 */
export class ReasonCodeTexts {
  private readonly byRule = new Map<string, Map<string, string[]>>();
  // The last list made: writes of one entity arrive together and mostly repeat the same codes, so a
  // comparison usually answers before the two map lookups.
  private lastRule = "";
  private lastCode = "";
  private lastList: string[] = [];

  of(r: Reason): string {
    return this.single(r)[0] as string;
  }

  /** The shared one-code list of `r`'s code. */
  private single(r: Reason): string[] {
    if (r.code === this.lastCode && r.rule === this.lastRule) return this.lastList;
    this.lastRule = r.rule;
    this.lastCode = r.code;
    return (this.lastList = this.lookUp(r));
  }

  private lookUp(r: Reason): string[] {
    let ofRule = this.byRule.get(r.rule);
    if (ofRule === undefined) this.byRule.set(r.rule, (ofRule = new Map()));
    let list = ofRule.get(r.code);
    if (list === undefined) ofRule.set(r.code, (list = [`${r.rule}:${r.code}`]));
    return list;
  }

  /** Every write carries the codes of its reasons (first occurrence order), so a system shows why without our audit. */
  list(reasons: readonly Reason[]): string[] {
    if (reasons.length === 1) return this.single(reasons[0] as Reason);
    // Array literals for two codes: a list grown by push keeps room for 17.
    if (reasons.length === 2) {
      const a = this.single(reasons[0] as Reason);
      const b = this.single(reasons[1] as Reason);
      return a === b ? a : [a[0] as string, b[0] as string];
    }
    const codes: string[] = [];
    for (const r of reasons) {
      const code = this.of(r);
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  }
}
