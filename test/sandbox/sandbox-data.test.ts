import { describe, expect, it } from "vitest";
import { defaultOrg } from "../../src/sandbox/default-org/default-org.js";
import { generateDemoData } from "../../src/sandbox/demo/generate-demo-data.js";
import { describeSource, emptySandboxData, loadSandboxData } from "../../src/sandbox/sandbox-data.js";

describe("the sandbox's data source", () => {
  it("generates the demo data set of the size and seed asked for", async () => {
    const data = await loadSandboxData({ kind: "demo", size: 30, seed: 9 });
    expect(data).toEqual(generateDemoData({ size: 30, seed: 9 }));
    expect(data).not.toEqual(generateDemoData({ size: 30, seed: 10 }));
  });

  it("serves the default org's schemas without records for size 0", async () => {
    const data = await loadSandboxData({ kind: "demo", size: 0, seed: 1 });
    expect(data).toEqual(emptySandboxData());
    expect(data.salesforce.describes.map((d) => d.name)).toEqual(defaultOrg.salesforce.describes.map((d) => d.name));
    expect(data.salesforce.records).toEqual({});
  });

  it("says where the data comes from", () => {
    expect(describeSource({ kind: "demo", size: 25, seed: 1 })).toBe("demo data set (size 25, seed 1)");
    expect(describeSource({ kind: "folder", dir: "/d" })).toBe("data folder /d");
  });
});
