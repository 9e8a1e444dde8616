// The banking of a page's partners for the rules (PAY-3 blocks payouts without `connected`): what
// this run's banking pass read from Coupa, else what Salesforce's Account holds (the status the last
// pass that saw the supplier change wrote there). The portal's copy is not used: it is the one partners
// see, and a drifted value there must not decide a payout. Each partner is looked up once per run.
import type { EntitySpec } from "./entity-specs.js";
import { joinRecords, type JoinedRecord } from "./join.js";
import { normalizeRecords } from "./normalize.js";
import type { PassContext } from "./pass-context.js";
import { readByKeys } from "./system-access.js";

export async function loadBanking(ctx: PassContext, partnerIds: readonly string[]): Promise<Map<string, JoinedRecord>> {
  const spec: EntitySpec | undefined = ctx.specs.get("SupplierBanking");
  const out = new Map<string, JoinedRecord>();
  if (!spec) return out;
  const known = (ctx.banking ??= new Map());
  const wanted = [...new Set(partnerIds)].filter((id) => id !== "" && !known.has(id)).sort();
  const sf = spec.sides.salesforce;
  if (wanted.length > 0 && sf?.canonicalKeyField !== undefined) {
    const raws = await readByKeys(ctx.access, "salesforce", sf.object, sf.canonicalKeyField, wanted, sf.converter.systemFields, ctx.signal);
    const n = await normalizeRecords(ctx, spec, sf, raws);
    const joined = joinRecords(spec, n.records);
    for (const id of wanted) known.set(id, joined.get(id) ?? null);
  }
  for (const id of new Set(partnerIds)) {
    const j = known.get(id);
    if (j) out.set(id, j);
  }
  return out;
}
