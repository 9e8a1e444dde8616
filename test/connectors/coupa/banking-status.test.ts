import { describe, expect, it } from "vitest";
import { bankingStatus } from "../../../src/connectors/coupa/banking-status.js";
import type { JsonRecord } from "../../../src/sandbox/contracts.js";

const supplier = (over: JsonRecord = {}): JsonRecord => ({ id: 7, status: "active", "on-hold": false, "remit-to-addresses": [], ...over });
const rta = (over: JsonRecord = {}): JsonRecord => ({ kind: "RTA", active: true, "bank-account-number": null, "iban-number": null, "swift-code": null, ...over });
const info = (addresses: JsonRecord[], over: JsonRecord = {}): JsonRecord => ({ id: 1, "supplier-id": 7, status: "approved", "hold-payment-indicator": false, "supplier-information-addresses": addresses, ...over });

describe("PAY-3 banking tri-state of a Coupa supplier", () => {
  it.each<[string, JsonRecord | null, JsonRecord[], string]>([
    ["approved info, active RTA with an account number", supplier(), [info([rta({ "bank-account-number": "12345678" })])], "connected"],
    ["approved info, active RTA with an IBAN", supplier(), [info([rta({ "iban-number": "DE89370400440532013000" })])], "connected"],
    ["status and kind in other letter cases", supplier({ status: "Active" }), [info([rta({ kind: "rta", "iban-number": "NL91" })], { status: "APPROVED" })], "connected"],
    ["address without `active` counts as active", supplier(), [info([{ kind: "RTA", "bank-account-number": "1" }])], "connected"],
    ["one of several infos approved with bank details", supplier(), [info([rta()], { id: 1, status: "draft" }), info([rta({ "bank-account-number": "9" })], { id: 2 })], "connected"],
    ["approved info, active RTA without bank details", supplier(), [info([rta({ "swift-code": "BOFAUS3N", "bank-name": "BofA" })])], "remit_to_only"],
    ["bank details only on a Primary address", supplier(), [info([rta(), { kind: "Primary", active: true, "bank-account-number": "1" }])], "remit_to_only"],
    ["blank account number and IBAN", supplier(), [info([rta({ "bank-account-number": "  ", "iban-number": "" })])], "remit_to_only"],
    ["bank details in information pending approval", supplier(), [info([rta({ "bank-account-number": "1" })], { status: "pending_approval" })], "remit_to_only"],
    ["bank details on an inactive RTA, another active RTA without", supplier(), [info([rta({ active: false, "bank-account-number": "1" }), rta()])], "remit_to_only"],
    ["no information, an active remit-to address on the supplier", supplier({ "remit-to-addresses": [{ id: 1, active: true }] }), [], "remit_to_only"],
    ["no information, only an inactive remit-to address", supplier({ "remit-to-addresses": [{ id: 1, active: false }] }), [], "none"],
    ["no information and no remit-to address", supplier(), [], "none"],
    ["only an inactive RTA with bank details", supplier(), [info([rta({ active: false, "iban-number": "X" })])], "none"],
    ["inactive supplier with full bank details", supplier({ status: "inactive" }), [info([rta({ "bank-account-number": "1" })])], "none"],
    ["supplier on hold with full bank details", supplier({ "on-hold": true }), [info([rta({ "bank-account-number": "1" })])], "none"],
    ["information holding payments", supplier(), [info([rta({ "bank-account-number": "1" })], { "hold-payment-indicator": true })], "none"],
    ["no supplier at all", null, [], "none"],
    ["information of another supplier is ignored", supplier(), [info([rta({ "bank-account-number": "1" })], { "supplier-id": 8 })], "none"],
  ])("%s → %s", (_label, s, infos, expected) => {
    expect(bankingStatus(s, infos)).toBe(expected);
  });
});
