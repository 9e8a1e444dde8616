// How the sandbox builds its three emulators. A seam so tests of the serving machinery can pass small
// fakes, and the one place that knows the emulators' module paths.
import type { Clock, Emulator, SandboxCredentials, SandboxData, SystemName } from "./contracts.js";
import { createPortalEmulator, type PortalFaults } from "./portal/portal-emulator.js";

export interface EmulatorArgs<S extends SystemName> {
  seed: SandboxData[S];
  credentials: SandboxCredentials[S];
  clock: Clock;
  /** The faults file's `<system>.emulator` section, validated by the emulator's own schema. */
  faults: Record<string, unknown> | undefined;
}

export type EmulatorFactories = { [S in SystemName]: (args: EmulatorArgs<S>) => Emulator };

function pending(system: SystemName): () => Emulator {
  return () => {
    throw new Error(`the ${system} emulator is not available in this build`);
  };
}

export const defaultEmulatorFactories: EmulatorFactories = {
  salesforce: pending("salesforce"),
  portal: ({ seed, credentials, clock, faults }) =>
    createPortalEmulator({ seed, credentials, clock, ...(faults ? { faults: faults as PortalFaults } : {}) }),
  coupa: pending("coupa"),
};
