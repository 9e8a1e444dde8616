// `partner-sync quarantine list | show ID | replay [ID…] | discard ID…`: the records a run could not
// handle, with their error; replay reads each again from its system (fixed there since?) and sends it
// through the pass; discard closes an entry for good.
import { Command } from "commander";
import { defaultRulesConfig } from "../rules/rules-config.schema.js";
import { openSystems } from "../sync/open-systems.js";
import { runSync } from "../sync/sync-run.js";
import { arrayChunks, nested } from "../reports/json-chunks.js";
import { EXIT } from "./exit-codes.js";
import { loadFor, loggerFor, storeFor } from "./global-options.js";
import { readMappings, SHIPPED_MAPPINGS, specsFor } from "./sync.command.js";

const ids = (values: string[]): number[] => values.map((v) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isSafeInteger(n) || String(n) !== v) throw new Error(`not a quarantine id: ${v}`);
  return n;
});

export function quarantineCommand(): Command {
  const q = new Command("quarantine").description("records a run could not handle: list, show, replay, discard");
  q.command("list")
    .description("open entries (or --status replayed|discarded)")
    .option("--status <status>", "open | replayed | discarded", "open")
    .option("--json", "one JSON document")
    .action((opts: { status: "open" | "replayed" | "discarded"; json?: boolean }, cmd: Command) => {
      const store = storeFor(loadFor(cmd));
      try {
        // One entry at a time, printed as read: a large quarantine is not held in memory (nor its payloads).
        const entries = store.quarantine.iterate(opts.status);
        if (opts.json) {
          // The same bytes as JSON.stringify of the list, without the payloads.
          for (const piece of arrayChunks(entries, "", ({ payload: _p, ...e }, indent) => [nested(e, indent)])) process.stdout.write(piece);
          process.stdout.write("\n");
        } else {
          let n = 0;
          for (const e of entries) {
            process.stdout.write(`${e.id}  ${e.entity} ${e.key} (${e.system}, ${e.stage}, ${e.attempts}×)  ${e.errorCode}: ${e.errorMessage}\n`);
            n++;
          }
          if (n === 0) process.stdout.write(`no ${opts.status} quarantine entries\n`);
        }
      } finally {
        store.close();
      }
    });
  q.command("show <id>")
    .description("one entry with the record as read")
    .action((id: string, _o: unknown, cmd: Command) => {
      const store = storeFor(loadFor(cmd));
      try {
        const e = store.quarantine.get(ids([id])[0]!);
        if (!e) {
          process.stderr.write(`no quarantine entry ${id}\n`);
          process.exitCode = EXIT.USAGE;
          return;
        }
        process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
      } finally {
        store.close();
      }
    });
  q.command("replay [ids...]")
    .description("read each record again from its system and send it through the pass (all open entries when no id is given)")
    .option("--now <instant>", "the rules' evaluation instant")
    .action(async (values: string[], opts: { now?: string }, cmd: Command) => {
      const loaded = loadFor(cmd);
      const mappings = readMappings(SHIPPED_MAPPINGS);
      if (!mappings.ok) throw new Error(mappings.message);
      const log = loggerFor(cmd, loaded);
      const store = storeFor(loaded);
      const systems = openSystems(loaded, store, log);
      try {
        const summary = await runSync({
          store, access: systems.access, specs: specsFor(loaded, mappings.mappings), log,
          rules: loaded.config.sync.rules ?? defaultRulesConfig, ...(opts.now ? { now: new Date(opts.now) } : {}),
          lookbackSeconds: loaded.config.sync.lookbackSeconds, safetyLagSeconds: loaded.config.sync.safetyLagSeconds,
          batchSize: loaded.config.sync.batchSize, bulkThreshold: loaded.config.sync.bulkThreshold, leaseTtlMs: loaded.config.leases.ttlSeconds * 1000,
          replayQuarantine: false, replayOnly: ids(values),
          ...(loaded.config.sync.salesforce.ownerIdOnCreate ? { sfOwnerIdOnCreate: loaded.config.sync.salesforce.ownerIdOnCreate } : {}),
        });
        const open = store.quarantine.count("open");
        process.stdout.write(`replay ${summary.runId}: ${summary.status}; ${summary.writes} write(s); ${open} entr${open === 1 ? "y" : "ies"} still open\n`);
        if (summary.status === "failed" || summary.status === "aborted") process.exitCode = EXIT.RUN_FAILED;
        else if (summary.quarantined > 0) process.exitCode = EXIT.QUARANTINED;
      } finally {
        systems.close();
        store.close();
      }
    });
  q.command("discard <ids...>")
    .description("close entries for good (the record stays as it is in its system)")
    .action((values: string[], _o: unknown, cmd: Command) => {
      const store = storeFor(loadFor(cmd));
      try {
        for (const id of ids(values)) {
          if (store.quarantine.resolve(id, "discarded")) process.stdout.write(`discarded ${id}\n`);
          else {
            process.stderr.write(`no open quarantine entry ${id}\n`);
            process.exitCode = EXIT.USAGE;
          }
        }
      } finally {
        store.close();
      }
    });
  return q;
}
