import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { envNameOf, loadConfig } from "../../src/config/load-config.js";

const dir = mkdtempSync(join(tmpdir(), "ps-config-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("loads the defaults alone and freezes the result", () => {
    const { config } = loadConfig({ env: {} });
    expect(config.store.path).toBe("data/partner-sync.db");
    expect(config.leases.ttlSeconds).toBe(60);
    expect(Object.isFrozen(config.store)).toBe(true);
    expect(() => {
      (config.store as { path: string }).path = "x";
    }).toThrow(TypeError);
  });

  it("reports a misspelt key with the file and a suggestion", () => {
    const bad = file("typo.yaml", "store:\n  pathh: /tmp/x.db\n");
    const problems = problemsOf(() => loadConfig({ file: bad, env: {} }));
    expect(problems).toEqual([{ file: bad, path: "store.pathh", message: 'unknown key (did you mean "path"?)' }]);
  });

  it("reports every problem of a file at once, each with path, expectation and the value got", () => {
    const bad = file("two.yaml", "store:\n  busyTimeoutMs: fast\nlogg: debug\nsystems:\n  portal:\n    baseUrl: ftp://prm\n    tenantId: 1.5\n");
    const problems = problemsOf(() => loadConfig({ file: bad, env: {} }));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(["logg", "store.busyTimeoutMs", "systems.portal.baseUrl", "systems.portal.tenantId"]);
    expect(byPath["store.busyTimeoutMs"]!.message).toMatch(/expected number.*got "fast"/);
    expect(byPath["systems.portal.tenantId"]!.message).toMatch(/expected int.*got 1.5/);
    for (const p of problems) expect(p.file).toBe(bad);
  });

  it("attributes a problem to the layer that set the value", () => {
    const ok = file("ok.yaml", "leases:\n  ttlSeconds: 30\n");
    const problems = problemsOf(() => loadConfig({ file: ok, env: { PARTNER_SYNC_LEASES_TTL_SECONDS: "2" } }));
    expect(problems).toEqual([expect.objectContaining({ file: "environment", path: "leases.ttlSeconds" })]);
  });

  it("applies PARTNER_SYNC_* overrides derived from the schema, coerced to the key's type", () => {
    expect(envNameOf(["store", "busyTimeoutMs"])).toBe("PARTNER_SYNC_STORE_BUSY_TIMEOUT_MS");
    const { config } = loadConfig({ env: { PARTNER_SYNC_STORE_BUSY_TIMEOUT_MS: "250", PARTNER_SYNC_LOG_LEVEL: "debug" } });
    expect(config.store.busyTimeoutMs).toBe(250);
    expect(config.log.level).toBe("debug");
  });

  it("takes each system's timeoutMs (file or environment) and refuses one under a second, naming the key", () => {
    const f = file("timeouts.yaml", "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    timeoutMs: 30000\n");
    const { config } = loadConfig({ file: f, env: { PARTNER_SYNC_SYSTEMS_PORTAL_TIMEOUT_MS: "45000", PARTNER_SYNC_PORTAL_API_KEY: "k" } });
    expect(config.systems.portal?.timeoutMs).toBe(45_000);
    const bad = file("timeout-bad.yaml", "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    timeoutMs: 500\n");
    expect(problemsOf(() => loadConfig({ file: bad, env: { PARTNER_SYNC_PORTAL_API_KEY: "k" } }))).toEqual([expect.objectContaining({ file: bad, path: "systems.portal.timeoutMs" })]);
  });

  it("refuses an invoice filter that sets what the reader sets, naming each parameter", () => {
    const bad = file("invoice-filter.yaml", "systems:\n  coupa:\n    baseUrl: https://x.coupahost.com\n    clientId: ps\n    invoiceFilter: \"invoice-number[starts_with]=REB-&offset=50&updated-at[gt]=2026-01-01\"\n");
    const problems = problemsOf(() => loadConfig({ file: bad, env: { PARTNER_SYNC_COUPA_CLIENT_SECRET: "s" } }));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["systems.coupa.invoiceFilter", `'offset' is set by the reader (paging, order, window, fields), not by the filter; got "invoice-number[starts_with]=REB-&offset=50&updated-at[gt]=2026-01-01"`],
      ["systems.coupa.invoiceFilter", `'updated-at[gt]' is set by the reader (paging, order, window, fields), not by the filter; got "invoice-number[starts_with]=REB-&offset=50&updated-at[gt]=2026-01-01"`],
    ]);
  });

  it("takes a proxy URL per system and refuses credentials or a path in one, naming the key", () => {
    const ok = file("proxy.yaml", "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    proxyUrl: http://proxy.internal:3128\n");
    expect(loadConfig({ file: ok, env: { PARTNER_SYNC_PORTAL_API_KEY: "k" } }).config.systems.portal?.proxyUrl).toBe("http://proxy.internal:3128");
    const bad = file("proxy-bad.yaml", "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    proxyUrl: http://user:pw@proxy.internal:3128/x\n");
    // The password is not repeated in the problem.
    expect(problemsOf(() => loadConfig({ file: bad, env: { PARTNER_SYNC_PORTAL_API_KEY: "k" } })).map((p) => [p.path, p.message])).toEqual([
      ["systems.portal.proxyUrl", 'credentials in a proxy URL are not supported (proxy authentication is not); got "http://***@proxy.internal:3128/x"'],
      ["systems.portal.proxyUrl", 'a proxy URL is a scheme, host and port only; got "http://***@proxy.internal:3128/x"'],
    ]);
  });

  it("takes the portal's creates in flight as 1 to 8, naming the key otherwise", () => {
    const yaml = (n: number) => `systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    createConcurrency: ${n}\n`;
    expect(loadConfig({ file: file("cc-4.yaml", yaml(4)), env: { PARTNER_SYNC_PORTAL_API_KEY: "k" } }).config.systems.portal?.createConcurrency).toBe(4);
    for (const n of [0, 9]) {
      expect(problemsOf(() => loadConfig({ file: file(`cc-${n}.yaml`, yaml(n)), env: { PARTNER_SYNC_PORTAL_API_KEY: "k" } })).map((p) => p.path)).toEqual(["systems.portal.createConcurrency"]);
    }
  });

  it("refuses an unknown PARTNER_SYNC_ variable instead of ignoring a typo", () => {
    const problems = problemsOf(() => loadConfig({ env: { PARTNER_SYNC_STORE_PAHT: "/x" } }));
    expect(problems).toEqual([{ file: "environment", path: "PARTNER_SYNC_STORE_PAHT", message: "unknown environment variable (did you mean PARTNER_SYNC_STORE_PATH?)" }]);
  });

  it("reports YAML syntax errors with line and column", () => {
    const bad = file("syntax.yaml", "store:\n  path: [unclosed\n");
    const problems = problemsOf(() => loadConfig({ file: bad, env: {} }));
    expect(problems[0]!.file).toMatch(new RegExp(`^${bad}:\\d+:\\d+$`));
  });

  it("names a config file that cannot be read", () => {
    const problems = problemsOf(() => loadConfig({ file: join(dir, "missing.yaml"), env: {} }));
    expect(problems).toEqual([{ file: join(dir, "missing.yaml"), path: "", message: "cannot read: ENOENT" }]);
  });

  it("requires the jwt flow's username", () => {
    const bad = file("jwt.yaml", "systems:\n  salesforce:\n    auth:\n      flow: jwt\n      clientId: abc\n");
    const problems = problemsOf(() => loadConfig({ file: bad, env: { PARTNER_SYNC_SALESFORCE_PRIVATE_KEY: "k" } }));
    expect(problems).toEqual([expect.objectContaining({ path: "systems.salesforce.auth.username" })]);
  });
});

describe("secrets", () => {
  const systems = file(
    "systems.yaml",
    "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n  coupa:\n    baseUrl: https://x.coupahost.com\n    clientId: ps\n",
  );

  it("lists every missing secret of the configured systems, naming the variables to set", () => {
    const problems = problemsOf(() => loadConfig({ file: systems, env: {} }));
    expect(problems.map((p) => p.path).sort()).toEqual(["PARTNER_SYNC_COUPA_CLIENT_SECRET", "PARTNER_SYNC_PORTAL_API_KEY"]);
    expect(problems[0]!.message).toMatch(/_FILE/);
  });

  it("reads a secret from the environment, or from the file named by NAME_FILE, and reports only its source", () => {
    const keyFile = file("portal-key", "s3cr3t-key\n");
    chmodSync(keyFile, 0o600);
    const loaded = loadConfig({ file: systems, env: { PARTNER_SYNC_PORTAL_API_KEY_FILE: keyFile, PARTNER_SYNC_COUPA_CLIENT_SECRET: "c0upa" } });
    expect(loaded.secrets).toEqual({ portalApiKey: "s3cr3t-key", coupaClientSecret: "c0upa" });
    expect(loaded.secretSources).toEqual({ portalApiKey: `file ${keyFile}`, coupaClientSecret: "env PARTNER_SYNC_COUPA_CLIENT_SECRET" });
    expect(JSON.stringify(loaded.config)).not.toMatch(/s3cr3t|c0upa/);
  });

  it("names the config key of a secret file that cannot be read", () => {
    const withFile = file("withfile.yaml", "systems:\n  portal:\n    baseUrl: https://prm.example.com\n    tenantId: 7\n    apiKeyFile: /nonexistent/key\n");
    const problems = problemsOf(() => loadConfig({ file: withFile, env: {} }));
    expect(problems).toEqual([{ file: withFile, path: "systems.portal.apiKeyFile", message: "cannot read secret file /nonexistent/key: ENOENT" }]);
  });
});
