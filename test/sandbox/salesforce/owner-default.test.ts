import { describe, expect, it } from "vitest";
import { defaultOrg } from "../../../src/sandbox/default-org/default-org.js";
import { createSalesforceEmulator } from "../../../src/sandbox/salesforce/index.js";
import { USER_ID } from "../../../src/sandbox/salesforce/sessions.js";
import { credentials, fixedClock } from "./fixture.js";
import { serve } from "./serve.js";

describe("OwnerId on create", () => {
  it("defaults to the running user, as Salesforce does, instead of REQUIRED_FIELD_MISSING", async () => {
    const emulator = createSalesforceEmulator({ seed: { describes: [...defaultOrg.salesforce.describes], records: {} }, credentials: credentials(), clock: fixedClock() });
    const served = await serve(emulator.handlers);
    try {
      const res = await fetch(`${served.url}/services/data/v62.0/composite/sobjects/Account/Portal_Id__c`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${emulator.issueAccessToken()}`, "content-type": "application/json" },
        body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: "Account" }, Portal_Id__c: "P-1", Name: "Acme Partners" }] }),
      });
      const [result] = (await res.json()) as { success: boolean; errors: unknown[] }[];
      expect(result).toMatchObject({ success: true, errors: [] });
      const q = await fetch(`${served.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT OwnerId FROM Account WHERE Portal_Id__c = 'P-1'")}`, {
        headers: { authorization: `Bearer ${emulator.issueAccessToken()}` },
      });
      expect(((await q.json()) as { records: { OwnerId: string }[] }).records[0]!.OwnerId).toBe(USER_ID);
    } finally {
      await served.close();
    }
  });
});
