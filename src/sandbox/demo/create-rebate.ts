// A rebate accrual (Partner_Rebate__c) as the worker last wrote it, and — once finance raised it —
// the Coupa invoice that pays it. Some are stale on purpose: Coupa shows paid, Salesforce READY.
import { fiscalQuarterOf } from "../../rules/fiscal-calendar.js";
import { type DemoContext, pushCoupa, pushSf, sfSystem } from "./demo-context.js";
import type { DemoRegistration } from "./create-registration.js";
import { coupaDateTime, DAY_MS, decimalString, isoDay, sfDateTime } from "./wire-format.js";

export type RebateKind = "Services Attach" | "Referral" | "First Order";

const KEY_PREFIX: Record<RebateKind, string> = { "Services Attach": "SERVICES_ATTACH", Referral: "REFERRAL_FEE", "First Order": "FIRST_ORDER_INCENTIVE" };
const RATE: Record<RebateKind, number> = { "Services Attach": 6, Referral: 10, "First Order": 5 };
/** Round demo FX (USD per unit); BRL is deliberately absent so PAY-5 has an unconvertible case. */
const USD_PER_UNIT: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, JPY: 0.0067, INR: 0.012, AUD: 0.66 };

export interface RebateSpec {
  kind: RebateKind;
  reg: DemoRegistration;
  earnedMs: number;
  /** A rule fails (e.g. linked sale too old, partner not Select): INELIGIBLE with this reason. */
  ineligible?: { codes: string; message: string } | null;
}

export function createRebate(ctx: DemoContext, spec: RebateSpec): void {
  const { rng } = ctx;
  const { reg } = spec;
  if (reg.sfId === null || reg.partner.sfId === null || reg.opp === null) return;
  const base = reg.opp.netArrCents;
  const amountCents = Math.round((base * RATE[spec.kind]) / 100);
  const currency = reg.opp.currency;
  const usd = USD_PER_UNIT[currency];
  const quarter = fiscalQuarterOf(new Date(spec.earnedMs));
  const dueMs = quarter.end.getTime() + 45 * DAY_MS;
  const partner = reg.partner;
  const canPay = spec.ineligible == null && partner.banking === "connected" && partner.supplierId !== null;
  const paid = canPay && dueMs - 40 * DAY_MS < ctx.now && rng.chance(0.6);
  const invoiced = canPay && (paid || rng.chance(0.4));
  // Stale: Coupa paid it after the worker last looked, so Salesforce still says READY.
  const stale = paid && rng.chance(0.08);
  const paidMs = paid ? Math.min(ctx.now - DAY_MS, Math.max(spec.earnedMs, quarter.end.getTime()) + rng.int(5, 44) * DAY_MS) : null;
  const status = spec.ineligible ? "INELIGIBLE" : paid && !stale ? "PAID" : canPay ? "READY" : "BLOCKED";
  const invoiceId = invoiced ? ctx.ids.nextCoupa() : null;
  const invoiceNumber = invoiceId === null ? null : `REB-${quarter.name}-${invoiceId}`;
  const key = `${KEY_PREFIX[spec.kind]}:${reg.portalId}`;
  const codes = spec.ineligible?.codes ?? (status === "BLOCKED" ? "PAY-3:NO_COUPA_BANKING" : usd === undefined ? "PAY-5:CURRENCY_UNCONVERTIBLE" : null);
  const message = spec.ineligible?.message ?? (status === "BLOCKED" ? "PAY-3 NO_COUPA_BANKING: the partner has no banking details in Coupa." :
    usd === undefined ? `PAY-5 CURRENCY_UNCONVERTIBLE: no rate for ${currency}.` : null);
  const sfId = ctx.ids.nextSf("Partner_Rebate__c");
  const evaluatedMs = Math.min(ctx.now, spec.earnedMs + rng.int(1, 5) * DAY_MS);
  pushSf(ctx, "Partner_Rebate__c", {
    ...sfSystem(ctx, sfId, evaluatedMs, paidMs !== null && !stale ? paidMs : evaluatedMs, ctx.users.integration),
    Name: `RB-${sfId.slice(-9, -3)}`, Partner_Account__c: partner.sfId, Kind__c: spec.kind, Deal_Registration__c: reg.sfId, Opportunity__c: reg.opp.sfId,
    Amount__c: amountCents / 100, CurrencyIsoCode: currency, Amount_USD__c: usd === undefined ? null : Math.round(amountCents * usd) / 100,
    Rate_Percent__c: RATE[spec.kind], Earned_Quarter__c: quarter.name, Due_Date__c: isoDay(dueMs), Payout_Status__c: status,
    Overdue__c: status !== "PAID" && status !== "INELIGIBLE" && dueMs < ctx.now, Coupa_Invoice_Number__c: invoiceNumber,
    Paid_At__c: paidMs !== null && !stale ? sfDateTime(paidMs) : null, Payable__c: status === "READY",
    Program_Reason_Codes__c: codes, Program_Reasons__c: message, Program_Evaluated_At__c: sfDateTime(evaluatedMs), Accrual_Key__c: key,
  });
  if (invoiceId === null || partner.supplierId === null) return;
  const invoiceMs = Math.min(ctx.now - DAY_MS, Math.max(spec.earnedMs, quarter.end.getTime()) + rng.int(1, 4) * DAY_MS);
  pushCoupa(ctx, "invoices", {
    id: invoiceId, "invoice-number": invoiceNumber, "invoice-date": isoDay(invoiceMs), status: "approved",
    supplier: { id: partner.supplierId, number: partner.supplierNumber }, currency: { code: currency },
    "gross-total": decimalString(amountCents), "amount-due": paidMs !== null ? "0.00" : decimalString(amountCents), paid: paidMs !== null,
    "payment-date": paidMs !== null ? coupaDateTime(paidMs) : null,
    payments: paidMs !== null ? [{ "amount-paid": decimalString(amountCents), "payment-date": coupaDateTime(paidMs), notes: key }] : [],
    "created-at": coupaDateTime(invoiceMs), "updated-at": coupaDateTime(paidMs ?? invoiceMs),
  });
}
