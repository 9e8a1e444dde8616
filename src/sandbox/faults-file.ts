// Reads a faults file (YAML, or JSON — YAML's subset) and validates it, naming the file and the key
// of every problem so a typo like `retry_after` is reported, not silently ignored.
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { PartnerSyncError } from "../errors.js";
import { faultsFileSchema, type FaultsConfig } from "./faults.schema.js";
import { describeIssues } from "./zod-issues.js";

export function faultsFileError(file: string, problems: string[]): PartnerSyncError {
  return new PartnerSyncError("PS_E_CONFIG_FILE", `faults file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`, {
    details: { file, problems },
  });
}

/** Validates faults already parsed from `file` (the name only labels the errors). */
export function parseFaults(file: string, text: string): FaultsConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw faultsFileError(
      file,
      doc.errors.map((e) => `line ${e.linePos?.[0].line ?? "?"}, column ${e.linePos?.[0].col ?? "?"}: ${e.message.split("\n")[0]}`),
    );
  }
  const result = faultsFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw faultsFileError(file, describeIssues(result.error.issues));
  return result.data;
}

export async function loadFaultsFile(file: string): Promise<FaultsConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new PartnerSyncError("PS_E_CONFIG_FILE", `cannot read faults file ${file}: ${(error as Error).message}`, {
      details: { file },
      cause: error,
    });
  }
  return parseFaults(file, text);
}
