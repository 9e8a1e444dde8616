import { describe, expect, it } from "vitest";
import type { EndUserContact } from "../../src/domain/opportunity.js";
import type { Partner } from "../../src/domain/partner.js";
import {
  endUserContactCheck,
  licenseKeyRelease,
  orderCompletion,
  transactingChannel,
  type DistributorTable,
  type EulaState,
  type OrderFacts,
} from "../../src/rules/quote-to-order.js";
import { defaultRulesConfig } from "../../src/rules/rules-config.schema.js";

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe("Q-1 end-user contact with email, shipping address and postal code", () => {
  const full: EndUserContact = { name: "Eve", email: "eve@customer.example", shippingAddress: "1 Main St, Springfield", postalCode: "12345" };
  it.each([
    ["a complete contact", full, "complete", "END_USER_CONTACT_COMPLETE", null],
    ["no contact at all", null, "incomplete", "END_USER_CONTACT_INCOMPLETE", "has no end-user contact"],
    ["no email", { ...full, email: null }, "incomplete", "END_USER_CONTACT_INCOMPLETE", "lacks email"],
    ["a malformed email", { ...full, email: "eve at customer" }, "incomplete", "END_USER_CONTACT_INCOMPLETE", "lacks a valid email"],
    ["a blank shipping address", { ...full, shippingAddress: "  " }, "incomplete", "END_USER_CONTACT_INCOMPLETE", "lacks shipping address"],
    ["no postal code", { ...full, postalCode: null }, "incomplete", "END_USER_CONTACT_INCOMPLETE", "lacks postal code"],
    ["no name (not required)", { ...full, name: null }, "complete", "END_USER_CONTACT_COMPLETE", null],
  ] as const)("%s → %s", (_name, contact, outcome, code, fragment) => {
    const d = endUserContactCheck("O1", contact);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    if (fragment) expect(d.reasons[0]?.message).toContain(fragment);
  });

  it("names every missing part", () => {
    const d = endUserContactCheck("O1", { name: null, email: "", shippingAddress: null, postalCode: "" });
    expect(d.reasons[0]?.message).toContain("lacks email, shipping address, postal code");
  });

  it("does not echo the email value into the message", () => {
    expect(endUserContactCheck("O1", { ...full, email: "secret-person" }).reasons[0]?.message).not.toContain("secret-person");
  });
});

describe("Q-2 transacting channel with the default distributor table (config)", () => {
  const table = defaultRulesConfig.distributors;
  type P = Pick<Partner, "id" | "track" | "country" | "region">;
  const open = (country: string | null, region: Partner["region"]): P => ({ id: "P1", track: "Open", country, region });
  it.each([
    ["Select partner in Germany", { ...open("DE", "EMEA"), track: "Select" }, false, "direct", "SELECT_BUYS_DIRECT", []],
    ["Open partner in Germany (EMEA)", open("DE", "EMEA"), false, "distributor", "MUST_USE_DISTRIBUTOR", ["Amazic"]],
    ["Open partner in Australia (APAC list)", open("AU", "APAC"), false, "distributor", "MUST_USE_DISTRIBUTOR", ["TD Synnex"]],
    ["Open partner in India", open("IN", "APAC"), false, "distributor", "MUST_USE_DISTRIBUTOR", ["TD Synnex", "Redington"]],
    ["Open partner in Japan", open("JP", "APAC"), false, "distributor", "MUST_USE_DISTRIBUTOR", ["TD Synnex", "Networld"]],
    ["Open partner, US public sector deal", open("US", "AMER"), true, "distributor", "MUST_USE_DISTRIBUTOR", ["Carahsoft"]],
    ["Open partner, US commercial deal", open("US", "AMER"), false, "direct", "NO_ACTIVE_DISTRIBUTOR", []],
    ["Open partner in China (APAC region, not on the APAC list)", open("CN", "APAC"), false, "direct", "NO_ACTIVE_DISTRIBUTOR", []],
    ["Open partner in Brazil (LATAM)", open("BR", "LATAM"), false, "direct", "NO_ACTIVE_DISTRIBUTOR", []],
    ["Open partner in Germany, public sector deal", open("DE", "EMEA"), true, "distributor", "MUST_USE_DISTRIBUTOR", ["Amazic"]],
    ["Open partner in Singapore, CRM region missing", open("SG", null), false, "distributor", "MUST_USE_DISTRIBUTOR", ["TD Synnex"]],
    ["Distributor-track partner", { ...open("DE", "EMEA"), track: "Distributor" }, false, "not-applicable", "TRACK_CANNOT_TRANSACT", []],
    ["Open partner without a country", open(null, "EMEA"), false, "not-checkable", "PARTNER_COUNTRY_UNKNOWN", []],
    ["Open partner in France without a region", open("FR", null), false, "not-checkable", "PARTNER_REGION_UNKNOWN", []],
  ] as const)("%s → %s", (_name, partner, publicSector, outcome, code, distributors) => {
    const d = transactingChannel(partner, publicSector, table);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.distributors).toEqual(distributors);
    expect(d.reasons[0]?.rule).toBe("Q-2");
  });

  it("reads the table from config, not code: a territory without an entry buys direct", () => {
    const noEmea: DistributorTable = { ...table, byRegion: { APAC: ["TD Synnex"] } };
    expect(transactingChannel(open("DE", "EMEA"), false, noEmea).outcome).toBe("direct");
    const withLatam: DistributorTable = { ...table, byRegion: { ...table.byRegion, LATAM: ["Ingram"] } };
    expect(transactingChannel(open("BR", "LATAM"), false, withLatam).distributors).toEqual(["Ingram"]);
  });

  it("without region entries other than APAC, a missing region is no obstacle", () => {
    const apacOnly: DistributorTable = { ...table, byRegion: { APAC: ["TD Synnex"] } };
    expect(transactingChannel(open("FR", null), false, apacOnly).outcome).toBe("direct");
  });

  it("names the distributors and territory in the message", () => {
    expect(transactingChannel(open("IN", "APAC"), false, table).reasons[0]?.message).toContain("distributor of IN: TD Synnex or Redington");
  });
});

describe("Q-3 order complete only with an executed EULA; key after invoice and EULA", () => {
  const now = new Date("2026-06-01T12:00:00.000Z");
  const justAfter = new Date(now.getTime() + 1);
  const executed = (executedAt: Date, method: "click-through" | "countersigned" = "click-through"): EulaState => ({ status: "executed", method, executedAt });
  const order = (invoicedAt: Date | null, eula: EulaState): OrderFacts => ({ id: "Q-77", invoicedAt, eula });

  it.each([
    ["EULA clicked through at now", executed(now), "complete", "EULA_EXECUTED"],
    ["EULA countersigned", executed(now, "countersigned"), "complete", "EULA_EXECUTED"],
    ["EULA executed 1 ms after now", executed(justAfter), "incomplete", "EULA_NOT_EXECUTED"],
    ["EULA not executed", { status: "not-executed" }, "incomplete", "EULA_NOT_EXECUTED"],
    ["EULA status not reported", { status: "unknown" }, "not-checkable", "EULA_STATUS_UNKNOWN"],
  ] as const)("order completion: %s → %s", (_name, eula, outcome, code) => {
    const d = orderCompletion(order(now, eula), now);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
  });

  it.each([
    ["not invoiced", order(null, executed(now)), "hold", "NOT_INVOICED"],
    ["invoiced 1 ms after now", order(justAfter, executed(now)), "hold", "NOT_INVOICED"],
    ["invoiced, EULA pending", order(now, { status: "not-executed" }), "await-eula", "EULA_PENDING"],
    ["invoiced, EULA executed after now", order(now, executed(justAfter)), "await-eula", "EULA_PENDING"],
    ["invoiced, EULA status unknown", order(now, { status: "unknown" }), "not-checkable", "EULA_STATUS_UNKNOWN"],
    ["invoiced and EULA executed", order(now, executed(now)), "release", "INVOICED_AND_EULA_EXECUTED"],
  ] as const)("license key: %s → %s", (_name, o, outcome, code) => {
    const d = licenseKeyRelease(o, now);
    expect([d.outcome, ...codes(d)]).toEqual([outcome, code]);
    expect(d.reasons[0]?.rule).toBe("Q-3");
  });
});
