// Progress of a run on a terminal: one line rewritten in place with records read and written per
// system. Not a terminal (a pipe, a log file): nothing here — the log lines say the same.
export interface Progress {
  update(event: { system: string; read?: number; written?: number }): void;
  done(): void;
  /** Clears the line, so what is printed next starts a line of its own. */
  clear(): void;
}

export function progressReporter(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {}, clear: () => {} };
  const read = new Map<string, number>();
  const written = new Map<string, number>();
  let last = 0;
  /** Whether the line is on the terminal now (cleared lines are drawn again by the next update). */
  let shown = false;
  const draw = () => {
    shown = true;
    const parts = [...new Set([...read.keys(), ...written.keys()])].sort().map((s) => `${s}: ${read.get(s) ?? 0} read, ${written.get(s) ?? 0} written`);
    stream.write(`\r\x1b[2K${parts.join("  ·  ")}`);
  };
  return {
    update(e) {
      if (e.read) read.set(e.system, (read.get(e.system) ?? 0) + e.read);
      if (e.written) written.set(e.system, (written.get(e.system) ?? 0) + e.written);
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        draw();
      }
    },
    done() {
      draw();
      stream.write("\n");
    },
    clear() {
      // The next update draws the line again, below what was printed meanwhile.
      if (!shown) return;
      stream.write("\r\x1b[2K");
      shown = false;
      last = 0;
    },
  };
}
