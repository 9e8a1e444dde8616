// Renders an Explanation for the CLI: JSON (stable, for scripts) or plain text (for people). Dates
// are already ISO strings in the explanation, so both renderings are reproducible byte for byte.
import type { FieldValue } from "./field-value.js";
import type { Explanation, InputValue } from "./explain.js";

function showInput(v: InputValue): string {
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `[${v.join(", ")}]`;
  return v === null ? "null" : String(v);
}

function showField(v: FieldValue): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.join(", ")}]`;
  if (v !== null && typeof v === "object") return `${(v as { amountMinor: number }).amountMinor} ${(v as { currency: string }).currency} (minor units)`;
  return v === null ? "null" : String(v);
}

/**
 * A write partner-sync made to the record earlier (an audit row): after a sync applied a rule, the
 * rule no longer applies to what the systems hold (an Expired registration is not expired again), so
 * "why is it Expired?" is answered by the write that made it so, with its reasons.
 */
export interface EarlierWrite {
  at: string;
  runId: string;
  system: string;
  action: string;
  fields: Record<string, [unknown, unknown]>;
  reasons: readonly { rule: string; code: string; message: string }[];
}

const showWritten = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v) ?? "null");

export function renderExplanation(expl: Explanation, format: "text" | "json", written: readonly EarlierWrite[] = []): string {
  if (format === "json") return `${JSON.stringify(written.length > 0 ? { ...expl, written } : expl, null, 2)}\n`;
  const lines = [`${expl.entity} ${expl.id} as of ${expl.now}`];
  if (!expl.found) return `${lines[0]}: not found in the data read\n`;
  for (const r of expl.rules) {
    lines.push("", `${r.rule}: ${r.outcome}`);
    for (const [k, v] of Object.entries(r.inputs)) lines.push(`  ${k} = ${showInput(v)}`);
    for (const reason of r.reasons) lines.push(`  → ${reason.rule} ${reason.code}: ${reason.message}`);
  }
  lines.push("", "Decided this pass:");
  if (expl.writes.length === 0 && expl.findings.length === 0 && expl.withheld.length === 0) lines.push("  nothing to write or report");
  for (const w of expl.writes) {
    for (const [f, v] of Object.entries(w.fields)) lines.push(`  write ${f} = ${showField(v)}`);
  }
  for (const f of expl.findings) lines.push(`  ${f.severity} ${f.rule} ${f.code}: ${f.message}`);
  for (const h of expl.withheld) lines.push(`  withheld ${h.field} = ${showField(h.value)} (${h.reasons.map((r) => r.code).join(", ")})`);
  if (written.length > 0) lines.push("", "Written by partner-sync before (its audit, oldest first):");
  for (const w of written) {
    const changes = Object.entries(w.fields).map(([f, [from, to]]) => `${f} ${showWritten(from)} → ${showWritten(to)}`).join("; ");
    lines.push(`  ${w.at} ${w.runId} → ${w.system} ${w.action}: ${changes}`);
    for (const r of w.reasons) lines.push(`    ${r.rule} ${r.code}: ${r.message}`);
  }
  return `${lines.join("\n")}\n`;
}
