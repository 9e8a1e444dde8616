import { describe, expect, it } from "vitest";
import { createPortalEmulator } from "../../../src/sandbox/portal/portal-emulator.js";
import { T0, credentials, portalSeed } from "./fixture.js";
import { serve } from "./serve.js";

describe("portal seed", () => {
  it("keeps stored values its definitions would refuse today (retired picklist value, over-long text), as a tenant does", async () => {
    const seed = portalSeed();
    seed.records.Account = [{ Id: 1, Name: "Acme", Partner_Track__cf: "Retired Track", Notes__cf: "x".repeat(5000) }];
    const emulator = createPortalEmulator({ seed, credentials, clock: () => T0 });
    const served = await serve(emulator);
    try {
      const res = await fetch(`${served.baseUrl}/api/objects/v1/Account/1`, { headers: { authorization: `prm-key ${credentials.apiKey}`, "x-prm-tenantid": String(credentials.tenantId) } });
      const body = (await res.json()) as { data: Record<string, unknown> };
      expect(body.data.partner_Track__cf).toBe("Retired Track");
      // a write through the API is still held to the definition
      const patch = await fetch(`${served.baseUrl}/api/objects/v1/Account/1`, {
        method: "PATCH",
        headers: { authorization: `prm-key ${credentials.apiKey}`, "x-prm-tenantid": String(credentials.tenantId), "content-type": "application/json" },
        body: JSON.stringify({ Partner_Track__cf: "Another Retired" }),
      });
      expect(patch.status).toBe(400);
    } finally {
      await served.close();
    }
  });

  it("still refuses a seed value of the wrong type", () => {
    const seed = portalSeed();
    seed.records.Account = [{ Id: 1, Name: "Acme", NFR_Seats__cf: "ten" }];
    expect(() => createPortalEmulator({ seed, credentials, clock: () => T0 })).toThrow(/NFR_Seats__cf/);
  });
});
