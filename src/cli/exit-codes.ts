// The CLI's exit codes (documented in the README). Scripts and schedulers branch on these.
export const EXIT = {
  OK: 0,
  /** The run failed (a run-scoped error: network, API budget, lease lost…). */
  RUN_FAILED: 1,
  /** Bad command line or configuration: nothing was done. */
  USAGE: 2,
  /** The run finished, but some records were quarantined (see `partner-sync quarantine list`). */
  QUARANTINED: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
