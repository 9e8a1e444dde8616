// Reads one JSON file of a data folder; a syntax error names the file and the line and column,
// because a hand-written data set is usually wrong by one comma.
import { readFile } from "node:fs/promises";
import { PartnerSyncError } from "../errors.js";

export function dataFileError(file: string, message: string, details: Record<string, unknown> = {}, cause?: unknown): PartnerSyncError {
  return new PartnerSyncError("PS_E_CONFIG_FILE", `${file}: ${message}`, { details: { file, ...details }, cause });
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const raw = (error as Error).message;
    // V8 says "… at position N (line L column C)", or nothing about where for a truncated file.
    const position = /at position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : text.length;
    const { line, column } = lineColumn(text, offset);
    const reason = raw.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "");
    throw dataFileError(file, `invalid JSON at line ${line}, column ${column}: ${reason}`, { line, column }, error);
  }
}

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw dataFileError(file, `cannot read: ${(error as Error).message}`, {}, error);
  }
  return parseJsonText(file, text);
}
