// Every write the worker applied to a system: what changed, and which rules asked for it.
import type Database from "better-sqlite3";

export interface AuditInput {
  runId: string;
  entity: string;
  key: string;
  system: string;
  action: "create" | "update" | "drift-overwrite" | "rule";
  beforeHash: string | null;
  afterHash: string;
  fields: Record<string, [unknown, unknown]>;
  reasons: { rule: string; code: string; message: string }[];
}

export interface AuditEntry extends AuditInput {
  id: number;
  at: string;
}

type Row = Omit<AuditEntry, "fields" | "reasons"> & { fieldsJson: string; reasonsJson: string };

export class AuditRepo {
  private readonly addStmt;
  private readonly forRecordStmt;

  constructor(db: Database.Database, private readonly now: () => string) {
    this.addStmt = db.prepare(
      "INSERT INTO audit (run_id, at, entity, key, system, action, before_hash, after_hash, fields_json, reasons_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.forRecordStmt = db.prepare<[string, string], Row>(
      "SELECT id, run_id AS runId, at, entity, key, system, action, before_hash AS beforeHash, after_hash AS afterHash, fields_json AS fieldsJson, reasons_json AS reasonsJson FROM audit WHERE entity = ? AND key = ? ORDER BY id",
    );
  }

  add(a: AuditInput): void {
    this.addStmt.run(a.runId, this.now(), a.entity, a.key, a.system, a.action, a.beforeHash, a.afterHash, JSON.stringify(a.fields), JSON.stringify(a.reasons));
  }

  forRecord(entity: string, key: string): AuditEntry[] {
    return this.forRecordStmt.all(entity, key).map(({ fieldsJson, reasonsJson, ...rest }) => ({
      ...rest,
      fields: JSON.parse(fieldsJson) as AuditEntry["fields"],
      reasons: JSON.parse(reasonsJson) as AuditEntry["reasons"],
    }));
  }
}
