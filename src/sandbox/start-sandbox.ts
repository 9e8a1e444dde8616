// Starts the whole sandbox: the three emulators seeded from `data`, each on its own loopback port
// behind the generic faults and the recorder, with fresh credentials whose secrets live in files.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PartnerSyncError } from "../errors.js";
import type { Clock, Emulator, SandboxCredentials, SandboxData, SystemName } from "./contracts.js";
import { controlRoutes } from "./control-routes.js";
import { defaultEmulatorFactories, type EmulatorFactories } from "./emulator-factories.js";
import { FaultInjector } from "./fault-injector.js";
import { faultsFileSchema, type FaultsConfig } from "./faults.schema.js";
import { serveEmulator, type AdapterLogger, type ServedEmulator } from "./http-adapter.js";
import { RequestRecorder } from "./request-recorder.js";
import { buildSandboxConfig, type SandboxConfig } from "./sandbox-config.js";
import { createSandboxCredentials, openStateDir, writeSecretFiles } from "./sandbox-credentials.js";
import { describeIssues } from "./zod-issues.js";

export interface StartSandboxOptions {
  data: SandboxData;
  /** Salesforce listens on `port`, the portal on `port + 1`, Coupa on `port + 2`; 0 (default) = three free ports. */
  port?: number;
  faults?: FaultsConfig;
  /** Names the faults file in errors about its `emulator` sections. */
  faultsFile?: string;
  clock?: Clock;
  /** Where secret files go; default a fresh temp dir, removed by `close()`. */
  stateDir?: string;
  /** Tests pass small fakes; the real emulators otherwise. */
  emulators?: EmulatorFactories;
  logger?: AdapterLogger;
}

export interface Sandbox {
  urls: Record<SystemName, string>;
  credentials: SandboxCredentials;
  config: SandboxConfig;
  stateDir: string;
  recorder: RequestRecorder;
  faults: FaultInjector;
  /** Every emulator back to its seed, fault counters rewound, request counts cleared (unless kept). */
  reset(options?: { keepCounts?: boolean }): void;
  close(): Promise<void>;
}

const SYSTEMS: readonly SystemName[] = ["salesforce", "portal", "coupa"];

/** An emulator rejecting its `emulator` faults section is a faults-file error: say which file and key. */
function createEmulator(system: SystemName, create: () => Emulator, faultsFile: string): Emulator {
  try {
    return create();
  } catch (error) {
    // Only a schema rejection is about the faults file; anything else is the emulator's own failure.
    const issues = (error as { issues?: unknown }).issues;
    if (!Array.isArray(issues)) throw error;
    const problems = describeIssues(issues, [system, "emulator"]);
    throw new PartnerSyncError(
      "PS_E_CONFIG_FILE",
      `faults file ${faultsFile}: ${system}.emulator is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      { details: { file: faultsFile, system, problems }, cause: error },
    );
  }
}

export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const clock = options.clock ?? (() => new Date());
  const faultsConfig = options.faults ?? faultsFileSchema.parse({});
  const faultsFile = options.faultsFile ?? "(faults option)";
  const factories = options.emulators ?? defaultEmulatorFactories;
  const credentials = createSandboxCredentials();

  const emulators: Record<SystemName, Emulator> = {
    salesforce: createEmulator("salesforce", () => factories.salesforce({
      seed: options.data.salesforce, credentials: credentials.salesforce, clock, faults: faultsConfig.salesforce?.emulator,
    }), faultsFile),
    portal: createEmulator("portal", () => factories.portal({
      seed: options.data.portal, credentials: credentials.portal, clock, faults: faultsConfig.portal?.emulator,
    }), faultsFile),
    coupa: createEmulator("coupa", () => factories.coupa({
      seed: options.data.coupa, credentials: credentials.coupa, clock, faults: faultsConfig.coupa?.emulator,
    }), faultsFile),
  };

  const recorder = new RequestRecorder();
  const faults = new FaultInjector(faultsConfig);
  const reset = (resetOptions: { keepCounts?: boolean } = {}) => {
    for (const system of SYSTEMS) emulators[system].reset();
    faults.reset();
    if (!resetOptions.keepCounts) recorder.clear();
  };
  const control = controlRoutes({ recorder, faults, reset });

  const stateDir = await openStateDir(options.stateDir);
  const served: ServedEmulator[] = [];
  const closeAll = async () => {
    await Promise.allSettled(served.map((s) => s.close()));
    await stateDir.dispose();
  };
  try {
    for (const [index, system] of SYSTEMS.entries()) {
      const port = options.port ? options.port + index : 0;
      served.push(
        await serveEmulator({
          emulator: emulators[system], port, recorder, faults, control, clock,
          ...(options.logger ? { logger: options.logger } : {}),
        }).catch((error: unknown) => {
          throw new PartnerSyncError("PS_E_CONFIG_INVALID", `cannot listen for the ${system} sandbox on 127.0.0.1:${port}: ${(error as Error).message}`, {
            details: { system, port },
            cause: error,
          });
        }),
      );
    }
    const urls = Object.fromEntries(served.map((s) => [s.system, s.url])) as Record<SystemName, string>;
    const files = await writeSecretFiles(stateDir.path, credentials);
    const config = buildSandboxConfig(urls, credentials, files);
    await writeFile(join(stateDir.path, "sandbox-config.json"), `${JSON.stringify(config, null, 2)}\n`);
    let closing: Promise<void> | undefined;
    return {
      urls, credentials, config, stateDir: stateDir.path, recorder, faults, reset,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
