// How the sandbox builds its three emulators. A seam so tests of the serving machinery can pass small
// fakes, and the one place that knows the emulators' module paths.
import { createCoupaEmulator, type CoupaFaults } from "./coupa/coupa-emulator.js";
import type { Clock, Emulator, SandboxCredentials, SandboxData, SystemName } from "./contracts.js";
import { createPortalEmulator, type PortalFaults } from "./portal/portal-emulator.js";
import { createSalesforceEmulator } from "./salesforce/emulator.js";

export interface EmulatorArgs<S extends SystemName> {
  seed: SandboxData[S];
  credentials: SandboxCredentials[S];
  clock: Clock;
  /** The faults file's `<system>.emulator` section, validated by the emulator's own schema. */
  faults: Record<string, unknown> | undefined;
}

export type EmulatorFactories = { [S in SystemName]: (args: EmulatorArgs<S>) => Emulator };

// The casts hand an unvalidated section to an emulator whose constructor parses it with its own schema.
export const defaultEmulatorFactories: EmulatorFactories = {
  salesforce: ({ seed, credentials, clock, faults }) => createSalesforceEmulator({ seed, credentials, clock, faults }),
  portal: ({ seed, credentials, clock, faults }) =>
    createPortalEmulator({ seed, credentials, clock, ...(faults ? { faults: faults as PortalFaults } : {}) }),
  coupa: ({ seed, credentials, clock, faults }) =>
    createCoupaEmulator({ seed, credentials, clock, ...(faults ? { faults: faults as CoupaFaults } : {}) }),
};
