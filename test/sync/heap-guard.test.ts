// The reconcile's heap guard: above the share of the heap bound it stops the run with a clear error
// (what was being read, how full the heap is, how to give it more) instead of V8's abort.
import { describe, expect, it } from "vitest";
import { PartnerSyncError } from "../../src/errors.js";
import { assertHeapRoom } from "../../src/sync/heap-guard.js";

const MB = 2 ** 20;
const heap = (usedMb: number, limitMb: number) => () => ({ used_heap_size: usedMb * MB, heap_size_limit: limitMb * MB });

describe("assertHeapRoom", () => {
  it("lets a run go on below the share, stops it above with the numbers and the way out", () => {
    expect(() => assertHeapRoom("reading salesforce Lead", 0.8, heap(137, 172))).not.toThrow();
    let error: unknown;
    try {
      assertHeapRoom("reading salesforce Lead", 0.8, heap(139, 172));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartnerSyncError);
    expect(error).toMatchObject({ code: "PS_E_HEAP_TOO_SMALL", scope: "run", details: { usedMb: 139, limitMb: 172 } });
    expect(String((error as Error).message)).toMatch(/^reading salesforce Lead: the heap holds 139 MB of its 172 MB bound.*reconcile.heapMb/);
  });

  it("reads the process's own heap by default (far from full in a test process)", () => {
    expect(() => assertHeapRoom("a test")).not.toThrow();
  });
});
