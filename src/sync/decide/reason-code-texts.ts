// The `derived.reasonCodes` value of a write: its reasons' "rule:code" texts, first occurrence order.
import type { Reason } from "../../rules/decision.js";

/**
 * `"rule:code"` texts made once per pass: a pass has a few dozen distinct codes and 100k+ writes, so
 * every write shares them (and `includes` finds a repeat by identity) instead of building new strings.
 */
export class ReasonCodeTexts {
  private readonly byRule = new Map<string, Map<string, string>>();
  // The last text made: writes of one entity arrive together and mostly repeat the same codes, so a
  // comparison usually answers before the two map lookups.
  private lastRule = "";
  private lastCode = "";
  private lastText = "";

  of(r: Reason): string {
    if (r.code === this.lastCode && r.rule === this.lastRule) return this.lastText;
    this.lastRule = r.rule;
    this.lastCode = r.code;
    return (this.lastText = this.lookUp(r));
  }

  private lookUp(r: Reason): string {
    let ofRule = this.byRule.get(r.rule);
    if (ofRule === undefined) this.byRule.set(r.rule, (ofRule = new Map()));
    let text = ofRule.get(r.code);
    if (text === undefined) ofRule.set(r.code, (text = `${r.rule}:${r.code}`));
    return text;
  }

  /** Every write carries the codes of its reasons (first occurrence order), so a system shows why without our audit. */
  list(reasons: readonly Reason[]): string[] {
    // Array literals for the usual one or two codes: a list grown by push keeps room for 17 (100k lists kept).
    if (reasons.length === 1) return [this.of(reasons[0] as Reason)];
    if (reasons.length === 2) {
      const a = this.of(reasons[0] as Reason);
      const b = this.of(reasons[1] as Reason);
      return a === b ? [a] : [a, b];
    }
    const codes: string[] = [];
    for (const r of reasons) {
      const code = this.of(r);
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  }
}
