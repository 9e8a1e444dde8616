export { createSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from "./emulator.js";
export { SalesforceFaultsSchema, type SalesforceFaults } from "./faults.js";
