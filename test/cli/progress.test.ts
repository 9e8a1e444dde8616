// The progress line on a terminal, and clearing it so a printed line (a dry run's plan) starts a line
// of its own; nothing at all when stderr is not a terminal.
import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

describe("progressReporter", () => {
  it("draws the line, clears it once before something else is printed, and draws it again on the next update", () => {
    const { written, stream } = fakeStream(true);
    const p = progressReporter(stream);
    p.update({ system: "salesforce", read: 200 });
    expect(written).toEqual(["\r\x1b[2Ksalesforce: 200 read, 0 written"]);
    p.clear();
    p.clear();
    expect(written.slice(1)).toEqual(["\r\x1b[2K"]);
    p.update({ system: "salesforce", written: 5 });
    expect(written.at(-1)).toBe("\r\x1b[2Ksalesforce: 200 read, 5 written");
    p.done();
    expect(written.at(-1)).toBe("\n");
  });

  it("writes nothing when the stream is not a terminal", () => {
    const { written, stream } = fakeStream(false);
    const p = progressReporter(stream);
    p.update({ system: "portal", read: 1 });
    p.clear();
    p.done();
    expect(written).toEqual([]);
  });
});
