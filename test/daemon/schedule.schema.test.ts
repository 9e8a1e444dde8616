import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { schedulesSchema } from "../../src/daemon/schedule.schema.js";
import { ConfigError } from "../../src/errors.js";

function loadWith(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), "ps-sched-"));
  const file = join(dir, "config.yaml");
  writeFileSync(file, yaml);
  try {
    loadConfig({ file, env: {} });
    return { file, problems: [] };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { file, problems: e.problems };
  }
}

describe("daemon.schedules", () => {
  it("ships an incremental sync every 5 minutes and a nightly report-only reconcile, in UTC", () => {
    const { config } = loadConfig({ env: {} });
    expect(config.daemon.schedules.sync).toEqual({ cron: "*/5 * * * *", flow: "sync", full: false, enabled: true, timezone: "UTC" });
    expect(config.daemon.schedules.reconcile).toMatchObject({ flow: "reconcile", enabled: true, timezone: "UTC" });
    expect(config.daemon.host).toBe("127.0.0.1");
    expect(config.daemon.allowRemoteTrigger).toBe(false);
  });

  it("an invalid cron expression is a config problem naming its key, listed with every other problem", () => {
    const r = loadWith([
      "daemon:",
      "  schedules:",
      "    sync: { cron: '61 * * * *', flow: sync }",
      "    nightly: { cron: 'every night', flow: reconcile }",
      "    odd: { cron: '* * * * *', flow: copy, timezone: Mars/Olympus }",
      "store: { busyTimeoutMs: -1 }",
    ].join("\n"));
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(byPath["daemon.schedules.sync.cron"]?.message).toMatch(/not a cron expression.*minute: 61 is a invalid expression for minute/);
    expect(byPath["daemon.schedules.sync.cron"]?.file).toBe(r.file);
    expect(byPath["daemon.schedules.nightly.cron"]?.message).toMatch(/expected 5 or 6 fields but got 2/);
    expect(byPath["daemon.schedules.odd.flow"]?.message).toBeDefined();
    expect(byPath["daemon.schedules.odd.timezone"]?.message).toMatch(/IANA time zone/);
    expect(byPath["store.busyTimeoutMs"]).toBeDefined();
    expect(r.problems).toHaveLength(5);
  });

  it("a layered file adds schedules beside the shipped ones and switches one off with enabled: false", () => {
    const dir = mkdtempSync(join(tmpdir(), "ps-sched-"));
    const file = join(dir, "config.yaml");
    writeFileSync(file, "daemon:\n  schedules:\n    reconcile: { enabled: false }\n    partners: { cron: '*/2 * * * * *', flow: sync, entities: [Partner], full: true }\n");
    const { config } = loadConfig({ file, env: {} });
    expect(config.daemon.schedules.reconcile?.enabled).toBe(false);
    expect(config.daemon.schedules.partners).toMatchObject({ cron: "*/2 * * * * *", entities: ["Partner"], full: true });
    expect(config.daemon.schedules.sync?.enabled).toBe(true);
  });

  it("refuses an unknown entity, an unknown key and a name that cannot be a URL segment", () => {
    const r = schedulesSchema.safeParse({
      sync: { cron: "* * * * *", flow: "sync", entities: ["Partners"] },
      "Bad Name": { cron: "* * * * *", flow: "sync" },
      extra: { cron: "* * * * *", flow: "sync", every: 5 },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("sync.entities.0");
    expect(paths.some((p) => p.startsWith("Bad Name"))).toBe(true);
    expect(r.error!.issues.some((i) => i.code === "unrecognized_keys" && i.path.join(".") === "extra")).toBe(true);
  });
});
