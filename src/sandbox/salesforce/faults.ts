// Salesforce-specific faults, validated once with zod and settable at any time. Generic faults
// (429, 5xx, latency, dropped connections) belong to the sandbox core, not here.
import { z } from "zod";

export const RecordErrorFaultSchema = z.object({
  sobject: z.string().min(1),
  /** value of the external id field the upsert names, or the record Id an update names */
  externalId: z.string().min(1),
  code: z.string().regex(/^[A-Z_]+$/),
  message: z.string().optional(),
  fields: z.array(z.string()).optional(),
  /** how many upserts of this record fail; absent = every one */
  times: z.number().int().positive().optional(),
});

export const SalesforceFaultsSchema = z
  .object({
    /** a session (access token) answers 401 INVALID_SESSION_ID once it has served N calls */
    sessionExpiresAfterCalls: z.number().int().positive().optional(),
    recordErrors: z.array(RecordErrorFaultSchema).optional(),
    /** the org has N API calls left today; then 403 REQUEST_LIMIT_EXCEEDED */
    apiBudgetRemaining: z.number().int().nonnegative().optional(),
  })
  .strict();

export type SalesforceFaults = z.infer<typeof SalesforceFaultsSchema>;
export type RecordErrorFault = z.infer<typeof RecordErrorFaultSchema>;

const DEFAULT_MESSAGES: Record<string, string> = {
  UNABLE_TO_LOCK_ROW: "unable to obtain exclusive access to this record or 1 records",
  DUPLICATE_VALUE: "duplicate value found: unknown duplicates value on record with id: unknown",
  STRING_TOO_LONG: "data value too large",
  FIELD_CUSTOM_VALIDATION_EXCEPTION: "Validation rule failed",
  REQUIRED_FIELD_MISSING: "Required fields are missing",
};

export interface InjectedError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** Live fault state: what was configured plus what one-shot faults have used up. */
export class FaultState {
  private current: SalesforceFaults = {};
  private remaining = new Map<RecordErrorFault, number>();

  constructor(
    initial: unknown,
    private readonly onBudget: (remaining: number) => void,
  ) {
    this.set(initial ?? {});
  }

  /** Replace the configured faults (validated); an `apiBudgetRemaining` moves the usage counter. */
  set(faults: unknown): void {
    const parsed = SalesforceFaultsSchema.parse(faults);
    this.current = parsed;
    this.remaining = new Map((parsed.recordErrors ?? []).map((f) => [f, f.times ?? Infinity]));
    if (parsed.apiBudgetRemaining !== undefined) this.onBudget(parsed.apiBudgetRemaining);
  }

  get(): Readonly<SalesforceFaults> {
    return this.current;
  }

  /** The injected error for an upsert of this record, consuming one of its `times`. */
  recordError(sobject: string, externalId: unknown): InjectedError | undefined {
    if (externalId === undefined || externalId === null) return undefined;
    const key = String(externalId);
    for (const [f, left] of this.remaining) {
      if (left <= 0 || f.sobject.toLowerCase() !== sobject.toLowerCase() || f.externalId !== key) continue;
      this.remaining.set(f, left - 1);
      return { statusCode: f.code, message: f.message ?? DEFAULT_MESSAGES[f.code] ?? f.code, fields: f.fields ?? [] };
    }
    return undefined;
  }
}
