import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SandboxData, SfSObjectDescribe } from "../../src/sandbox/contracts.js";
import { writeDataFolder } from "../../src/sandbox/data-folder-write.js";
import { loadDataFolder } from "../../src/sandbox/data-folder.js";
import { defaultOrg, type DefaultOrg } from "../../src/sandbox/default-org/default-org.js";

const widget: SfSObjectDescribe = {
  name: "Widget__c",
  custom: true,
  fields: [
    { name: "Id", type: "id", nillable: false, createable: false, updateable: false, filterable: true, externalId: false, unique: false },
    { name: "Name", type: "string", length: 80, nillable: false, createable: true, updateable: true, filterable: true, externalId: false, unique: false },
  ],
};
const noDefaults: DefaultOrg = { salesforce: { describes: [] }, portal: { objects: [] } };

const data: SandboxData = {
  salesforce: { describes: [widget], records: { Widget__c: [{ Id: "a00000000000001AAA", Name: "Sprocket" }, { Name: "Cog" }] } },
  portal: {
    objects: [{ name: "Account", fields: [{ name: "Name", dataType: "Text", isReadOnly: false, isFilterable: true, isRequired: true, maxLength: 255 }] }],
    records: { Account: [{ Id: 1, Name: "Acme", Partner_Track__cf: "Select" }] },
  },
  coupa: { records: { suppliers: [{ id: 7, name: "Acme", "updated-at": "2026-05-07T10:00:00-07:00" }], invoices: [] } },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "data-folder-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(relative: string, content: string): Promise<string> {
  const file = join(dir, relative);
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, content);
  return file;
}

describe("data folders", () => {
  it("round-trips SandboxData through the documented layout", async () => {
    await writeDataFolder(dir, data);
    expect((await readdir(join(dir, "salesforce"))).sort()).toEqual(["Widget__c.json", "_describe"]);
    expect(await readdir(join(dir, "salesforce", "_describe"))).toEqual(["Widget__c.json"]);
    expect((await readdir(join(dir, "portal"))).sort()).toEqual(["Account.json", "_objects.json"]);
    expect((await readdir(join(dir, "coupa"))).sort()).toEqual(["invoices.json", "suppliers.json"]);
    expect(await loadDataFolder(dir, { defaults: noDefaults })).toEqual(data);
  });

  it("refuses to write over an existing data folder unless asked to, then replaces it whole", async () => {
    await writeDataFolder(dir, data);
    await expect(writeDataFolder(dir, data)).rejects.toThrow(/already holds a data folder \(salesforce, portal, coupa\)/);
    const smaller: SandboxData = { ...data, coupa: { records: {} } };
    await writeDataFolder(dir, smaller, { overwrite: true });
    expect(await readdir(join(dir, "coupa"))).toEqual([]);
  });

  it("refuses an object name that is not a plain file name", async () => {
    const bad: SandboxData = { ...data, coupa: { records: { "../escape": [] } } };
    await expect(writeDataFolder(dir, bad)).rejects.toThrow(/Coupa resource "\.\.\/escape"/);
  });

  it("falls back to the default org's schemas when the folder brings only records", async () => {
    await put("salesforce/Account.json", '[{"Name":"Acme"}]');
    await put("portal/Account.json", '[{"Name":"Acme"}]');
    const loaded = await loadDataFolder(dir);
    expect(loaded.salesforce.describes.map((d) => d.name)).toEqual(defaultOrg.salesforce.describes.map((d) => d.name));
    expect(loaded.portal.objects).toEqual(defaultOrg.portal.objects);
    expect(loaded.salesforce.records).toEqual({ Account: [{ Name: "Acme" }] });
    expect(loaded.coupa.records).toEqual({});
  });

  it("lets a folder's own describe replace the default org's, matching names case-insensitively", async () => {
    await put("salesforce/_describe/Account.json", JSON.stringify({ ...widget, name: "Account", custom: false }));
    await put("salesforce/account.json", "[]");
    const loaded = await loadDataFolder(dir);
    const accounts = loaded.salesforce.describes.filter((d) => d.name === "Account");
    expect(accounts).toHaveLength(1);
    expect(accounts[0]?.fields.map((f) => f.name)).toEqual(["Id", "Name"]);
    expect(Object.keys(loaded.salesforce.records)).toEqual(["Account"]);
  });

  it("names the file, line and column of invalid JSON", async () => {
    const file = await put("coupa/suppliers.json", '[\n  {"id": 1},\n  {"id": 2,}\n]\n');
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: invalid JSON at line 3, column 12`);
  });

  it("names the end of a truncated file", async () => {
    const file = await put("coupa/suppliers.json", '[\n  {"id": 1}');
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: invalid JSON at line 2, column 12: `);
  });

  it("names the file and index of a record that is not an object", async () => {
    const file = await put("portal/Account.json", '[{"Name":"A"}, "B", {"Name":"C"}]');
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: record [1] is not an object (found a string)`);
  });

  it("rejects a records file that is not an array", async () => {
    const file = await put("coupa/invoices.json", '{"id": 1}');
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: expected a JSON array of records, found an object`);
  });

  it("names records of an sObject that has no describe anywhere", async () => {
    const file = await put("salesforce/Gadget__c.json", "[]");
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: no describe for sObject Gadget__c: add salesforce/_describe/Gadget__c.json`);
  });

  it("names records of a portal object missing from _objects.json", async () => {
    const file = await put("portal/Gadget.json", "[]");
    await expect(loadDataFolder(dir, { defaults: noDefaults })).rejects.toThrow(`${file}: no object definition for Gadget`);
  });

  it("names the file and key of a describe with a misspelt or missing key", async () => {
    const { nillable: _dropped, ...field } = widget.fields[1]!;
    const file = await put("salesforce/_describe/Widget__c.json", JSON.stringify({ ...widget, fields: [widget.fields[0], { ...field, nilable: true }] }));
    const error = await loadDataFolder(dir).catch((e: Error) => e);
    expect(String(error)).toContain(`${file}: invalid content`);
    expect(String(error)).toContain("fields[1]: unknown key nilable");
    expect(String(error)).toContain("fields[1].nillable:");
  });

  it("rejects a describe whose name disagrees with its file name", async () => {
    const file = await put("salesforce/_describe/Gizmo__c.json", JSON.stringify(widget));
    await expect(loadDataFolder(dir)).rejects.toThrow(`${file}: describes "Widget__c" but the file name says Gizmo__c`);
  });

  it("names a data folder that does not exist", async () => {
    await expect(loadDataFolder(join(dir, "missing"))).rejects.toThrow(/missing: data folder not found/);
  });
});
