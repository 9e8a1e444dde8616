// `partner-sync config check`: the effective configuration, secrets shown only by where they come
// from; exit 2 with every problem listed when it is not valid.
import { Command } from "commander";
import { stringify } from "yaml";
import { SECRET_SPECS } from "../config/secrets.js";
import { loadFor } from "./global-options.js";

export function configCommand(): Command {
  const config = new Command("config").description("inspect the configuration");
  config
    .command("check")
    .description("validate the configuration and print the effective result (secrets redacted); exit 2 on problems")
    .option("--json", "print JSON instead of YAML")
    .action((opts: { json?: boolean }, cmd: Command) => {
      const loaded = loadFor(cmd);
      const secrets = Object.fromEntries(
        SECRET_SPECS.filter((s) => loaded.secretSources[s.name] || s.required(loaded.config)).map((s) => [s.name, loaded.secretSources[s.name] ? `(redacted, from ${loaded.secretSources[s.name]})` : "(missing)"]),
      );
      const out = { files: loaded.files, config: loaded.config, secrets };
      process.stdout.write(opts.json ? `${JSON.stringify(out, null, 2)}\n` : stringify(out));
      process.stderr.write("configuration ok\n");
    });
  return config;
}
