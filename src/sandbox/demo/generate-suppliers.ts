// Coupa suppliers and supplier information of demo partners, in the three PAY-3 banking states:
// connected (active, not on hold, approved information with an active RTA address carrying bank
// details), remit_to_only (remit-to addresses without bank details, or information not approved)
// and none (inactive or on-hold supplier, or no supplier at all).
import type { JsonRecord } from "../contracts.js";
import { type DemoContext, pushCoupa } from "./demo-context.js";
import type { DemoPartner } from "./generate-partners.js";
import { coupaDateTime, DAY_MS } from "./wire-format.js";

function masked(ctx: DemoContext, digits: number): string {
  let s = "";
  for (let i = 0; i < 4; i++) s += String(ctx.rng.int(0, 9));
  return "*".repeat(digits - 4) + s;
}

export function generateSupplier(ctx: DemoContext, partner: DemoPartner): void {
  if (partner.supplierId === null || partner.supplierNumber === null) return;
  const { rng } = ctx;
  const createdMs = ctx.now - rng.int(30, 700) * DAY_MS;
  const updatedMs = ctx.now - rng.int(0, 29) * DAY_MS - rng.int(0, 86_399) * 1000;
  const countryRef = { code: partner.country.code };
  const usesIban = partner.country.region === "EMEA";
  const banking = partner.banking;
  // "none" with a supplier record: inactive, or active but on hold.
  const inactive = banking === "none" && rng.chance(0.5);
  const onHold = banking === "none" && !inactive;
  const address = (id: number, withBank: boolean): JsonRecord => ({
    id, kind: "RTA", active: true, street1: partner.street, city: partner.city, "postal-code": partner.postal, country: countryRef,
    "payment-method-item": usesIban ? "Wire" : "ACH", "bank-name": withBank ? rng.pick(["Citibank", "HSBC", "Deutsche Bank", "MUFG", "Itaú", "DBS"]) : null,
    "bank-account-number": withBank && !usesIban ? masked(ctx, 10) : null,
    "iban-number": withBank && usesIban ? `${partner.country.code}${masked(ctx, 20)}` : null,
    "swift-code": withBank ? `${rng.pick(["CITI", "HSBC", "DEUT", "BOTK", "ITAU", "DBSS"])}${partner.country.code}XX` : null,
  });
  const remitId = ctx.ids.nextCoupa();
  pushCoupa(ctx, "suppliers", {
    id: partner.supplierId, name: partner.name, "display-name": partner.name, number: partner.supplierNumber,
    status: inactive ? "inactive" : "active", "on-hold": onHold, "payment-method": usesIban ? "Wire" : "ACH",
    "remit-to-addresses": [{
      id: remitId, "remit-to-code": `RT-${partner.supplierId}`, name: partner.name, street1: partner.street, city: partner.city,
      "postal-code": partner.postal, country: countryRef, active: true,
    }],
    "created-at": coupaDateTime(createdMs), "updated-at": coupaDateTime(updatedMs),
  });
  // remit_to_only: information approved but its RTA lacks bank details, or still pending approval.
  const pendingInfo = banking === "remit_to_only" && rng.chance(0.3);
  const withBank = banking === "connected" || (banking === "none" && rng.chance(0.5)) || pendingInfo;
  pushCoupa(ctx, "supplier_information", {
    id: ctx.ids.nextCoupa(), "supplier-id": partner.supplierId, name: partner.name,
    status: pendingInfo ? "pending_approval" : "approved", "hold-payment-indicator": onHold,
    "supplier-information-addresses": [
      { id: ctx.ids.nextCoupa(), kind: "Primary", active: true, street1: partner.street, city: partner.city, "postal-code": partner.postal, country: countryRef },
      address(ctx.ids.nextCoupa(), withBank),
    ],
    "updated-at": coupaDateTime(updatedMs),
  });
}
