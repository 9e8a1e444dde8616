// What every rule returns: an outcome with machine-readable reasons, never a bare boolean,
// so reports and `rules explain` can say why, not only what.

/** A rule id of program-rules.md, e.g. "DR-4", "LEAD-3", "PAY-2". */
export type RuleId = string;

export interface Reason {
  rule: RuleId;
  /** Stable, machine-readable: "EXPIRED", "NOT_AUTHORIZED", "RECALLED_PHASE_3"… */
  code: string;
  /** One human sentence naming the record's facts that led here (dates as ISO instants). */
  message: string;
}

export interface Decision<O extends string = string> {
  outcome: O;
  reasons: Reason[];
}

export function reason(rule: RuleId, code: string, message: string): Reason {
  return { rule, code, message };
}

export function decision<O extends string>(outcome: O, ...reasons: Reason[]): Decision<O> {
  return { outcome, reasons };
}
