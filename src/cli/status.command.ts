// `partner-sync status`: where the store is and what it knows — schema version, watermarks, recent
// runs, quarantine counts, held leases, pages a run was cut off in. Read-only apart from creating a
// missing store.
import { Command } from "commander";
import { loadFor, storeFor } from "./global-options.js";

export function statusCommand(): Command {
  return new Command("status")
    .description("show the checkpoint store: watermarks, recent runs, quarantine, leases, unfinished pages")
    .option("--json", "print one JSON document")
    .option("--runs <n>", "how many recent runs to show", (v) => Number.parseInt(v, 10), 10)
    .action((opts: { json?: boolean; runs: number }, cmd: Command) => {
      const loaded = loadFor(cmd);
      const store = storeFor(loaded);
      try {
        const status = {
          store: store.path,
          schemaVersion: store.schemaVersion,
          watermarks: store.watermarks.all(),
          recentRuns: store.runs.recent(opts.runs),
          quarantine: store.quarantine.counts(),
          leases: store.leases.held().map((l) => ({ ...l, acquiredAt: iso(l.acquiredAt), renewedAt: iso(l.renewedAt), expiresAt: iso(l.expiresAt) })),
          // Write intents left by a run cut off between a page's writes: the next sync finishes them.
          unfinishedPages: store.writeIntents.list().map(({ id, entity, system, runId, createdAt }) => ({ id, entity, system, runId, createdAt })),
        };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        const lines = [`store          ${status.store} (schema version ${status.schemaVersion})`, "watermarks"];
        lines.push(...(status.watermarks.length ? status.watermarks.map((w) => `  ${w.system}/${w.object}  ${w.value}  (updated ${w.updatedAt})`) : ["  (none yet)"]));
        lines.push("recent runs");
        lines.push(
          ...(status.recentRuns.length
            ? status.recentRuns.map((r) => `  ${r.startedAt}  ${r.kind}${r.dryRun ? " (dry run)" : ""}  ${r.status}  ${Object.entries(r.counts).map(([k, v]) => `${k}=${v}`).join(" ")}  ${r.id}`)
            : ["  (none yet)"]),
        );
        lines.push("quarantine");
        lines.push(...(status.quarantine.length ? status.quarantine.map((q) => `  ${q.entity}  ${q.status}  ${q.n}`) : ["  (empty)"]));
        lines.push("leases held");
        lines.push(...(status.leases.length ? status.leases.map((l) => `  ${l.name}  by ${l.owner}  until ${l.expiresAt}`) : ["  (none)"]));
        lines.push("unfinished pages (finished by the next sync)");
        lines.push(...(status.unfinishedPages.length ? status.unfinishedPages.map((p) => `  ${p.entity}  from ${p.system}  cut off in ${p.runId}  at ${p.createdAt}`) : ["  (none)"]));
        process.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        store.close();
      }
    });
}

const iso = (ms: number) => new Date(ms).toISOString();
