// Compares two state dumps of the sandbox (`GET /__sandbox/state`) after normalising only what
// legitimately differs between two runs that did the same work: audit stamps (SystemModstamp,
// LastModifiedDate, CreatedDate, the portal's Updated and RecordVersion — a re-applied write after a
// crash bumps them) and the Ids Salesforce assigns to records the sync created (the order of creation
// differs). Records are matched by their external key and counted per object, so a duplicate or a
// missing record is never normalised away: it shows as a count, a key held twice, or a key on one side.
import { isDeepStrictEqual } from "node:util";
import type { JsonRecord } from "../../../src/sandbox/contracts.js";
import type { SandboxState } from "../../../src/sandbox/control-routes.js";

/** Fields a repeated (idempotent) write or the creation instant changes. */
const VOLATILE: Record<string, ReadonlySet<string>> = {
  salesforce: new Set(["attributes", "Id", "SystemModstamp", "LastModifiedDate", "CreatedDate", "LastModifiedById", "CreatedById"]),
  // `created`: the instant a record the sync created on the portal (a prospect) came to be.
  portal: new Set(["created", "updated", "recordVersion"]),
  // Stamped by the emulator when it (re)loads its seed: the sync never writes Coupa.
  coupa: new Set(["created-at", "updated-at"]),
};

/** Salesforce external-id fields the sync upserts by: a created record is known by these. */
const SF_KEYS = ["Portal_Id__c", "Accrual_Key__c", "Evaluation_Key__c"];

export interface ObjectState {
  count: number;
  /** label → normalised record (the first one, when a label is held twice). */
  records: Map<string, JsonRecord>;
  /** Labels held by more than one record: duplicates. */
  duplicates: string[];
}

export type NormalState = Map<string, ObjectState>; // "system/object" → state

function sfLabel(object: string, r: JsonRecord): string {
  for (const k of SF_KEYS) {
    const v = r[k];
    if (typeof v === "string" && v !== "") return `${object}.${k}=${v}`;
  }
  return `${object}.Id=${String(r.Id)}`;
}

export function normalise(state: SandboxState): NormalState {
  // Every Salesforce Id (and its 15-char form) → the record's stable label, for references.
  const idLabels = new Map<string, string>();
  for (const [object, rows] of Object.entries(state.salesforce ?? {})) {
    for (const r of rows) {
      const label = sfLabel(object, r);
      idLabels.set(String(r.Id), label);
      idLabels.set(String(r.Id).slice(0, 15), label);
    }
  }
  const relabel = (v: unknown): unknown => {
    if (typeof v === "string") return idLabels.has(v) ? `→${idLabels.get(v)}` : v;
    if (Array.isArray(v)) return v.map(relabel);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relabel(x)]));
    return v;
  };
  const out: NormalState = new Map();
  for (const system of ["salesforce", "portal", "coupa"] as const) {
    for (const [object, rows] of Object.entries(state[system] ?? {})) {
      const o: ObjectState = { count: rows.length, records: new Map(), duplicates: [] };
      for (const r of rows) {
        const label = system === "salesforce" ? sfLabel(object, r) : `${object}.id=${String(r.id ?? r.Id)}`;
        const kept = Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE[system]!.has(k)).map(([k, v]) => [k, relabel(v)]));
        if (o.records.has(label)) o.duplicates.push(label);
        else o.records.set(label, kept);
      }
      out.set(`${system}/${object}`, o);
    }
  }
  return out;
}

/** Every difference between `actual` and `expected` (empty = equal), at most `limit` field diffs. */
export function diffStates(actual: NormalState, expected: NormalState, limit = 20): string[] {
  const diffs: string[] = [];
  let fieldDiffs = 0;
  for (const name of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.get(name);
    const e = expected.get(name);
    if (!a || !e) {
      diffs.push(`${name}: only in ${a ? "actual" : "expected"}`);
      continue;
    }
    if (a.count !== e.count) diffs.push(`${name}: ${a.count} records, expected ${e.count}`);
    for (const d of a.duplicates) diffs.push(`${name}: duplicate ${d}`);
    for (const label of a.records.keys()) if (!e.records.has(label)) diffs.push(`${name}: unexpected ${label}`);
    for (const [label, er] of e.records) {
      const ar = a.records.get(label);
      if (!ar) {
        diffs.push(`${name}: missing ${label}`);
        continue;
      }
      if (isDeepStrictEqual(ar, er)) continue;
      if (++fieldDiffs > limit) continue;
      const fields = [...new Set([...Object.keys(ar), ...Object.keys(er)])].filter((f) => !isDeepStrictEqual(ar[f], er[f]));
      diffs.push(`${name} ${label}: ${fields.map((f) => `${f} = ${JSON.stringify(ar[f])}, expected ${JSON.stringify(er[f])}`).join("; ")}`);
    }
  }
  if (fieldDiffs > limit) diffs.push(`… and ${fieldDiffs - limit} more records with different fields`);
  return diffs;
}

/** Records per object, for logs and for the ≥ 20k check. */
export function countRecords(state: NormalState): number {
  let n = 0;
  for (const o of state.values()) n += o.count;
  return n;
}
