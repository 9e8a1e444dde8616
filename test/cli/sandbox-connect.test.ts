// The sandbox's promise to a new user: `partner-sync sandbox --demo-size 1000 --seed 1 --json`
// prints a config that partner-sync itself accepts, and the product's own clients authenticate to
// all three systems with it and read the demo data.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { createCoupaConnector } from "../../src/connectors/coupa/coupa-connector.js";
import { createPortalConnector } from "../../src/connectors/portal/portal-connector.js";
import { createSalesforceConnector } from "../../src/connectors/salesforce/salesforce-connector.js";
import { CLI, scratchDir } from "./run-cli.js";

describe("partner-sync sandbox --demo-size 1000 --seed 1 --json", () => {
  it("prints a config the product loads, and its clients authenticate to all three systems with it", async () => {
    const dir = scratchDir();
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PARTNER_SYNC_") && !/^https?_proxy$/i.test(k)));
    const child = spawn(process.execPath, [CLI, "sandbox", "--demo-size", "1000", "--seed", "1", "--json"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => {
          out += c;
          if (out.includes("\n")) resolve(out.split("\n")[0]!);
        });
        child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
        child.once("exit", (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
      });
      const file = join(dir, "sandbox.json");
      writeFileSync(file, line);
      const { config, secrets } = loadConfig({ file, env: {} });
      expect(Object.keys(config.systems).sort()).toEqual(["coupa", "portal", "salesforce"]);

      const sf = createSalesforceConnector({ config: config.systems.salesforce!, secrets });
      const global = await sf.describeGlobal();
      expect(global.sobjects.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Account", "Deal_Registration__c"]));
      let sfRows = 0;
      for await (const page of sf.readAll("Account", { fields: ["Id", "Name"] })) sfRows += page.records.length;
      expect(sfRows).toBeGreaterThan(0);

      const portal = createPortalConnector({ config: config.systems.portal!, apiKey: secrets.portalApiKey! });
      const objects = await portal.describe();
      expect(objects.map((o) => o.name)).toContain("Account");
      let portalRows = 0;
      for await (const page of portal.readAll("Account", { fields: ["Id", "Name"] })) portalRows += page.records.length;
      expect(portalRows).toBeGreaterThan(0);
      portal.close();

      const coupa = createCoupaConnector({ config: config.systems.coupa!, clientSecret: secrets.coupaClientSecret! });
      let suppliers = 0;
      for await (const page of coupa.readAll("suppliers", { fields: [] })) suppliers += page.records.length;
      expect(suppliers).toBeGreaterThan(0);
      coupa.close();
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  }, 60_000);
});
