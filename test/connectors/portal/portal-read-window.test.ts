import axios from "axios";
import { afterEach, describe, expect, it } from "vitest";
import { floorToSecond, portalWindow } from "../../../src/connectors/portal/portal-read-window.js";
import { collect, credentials, portalWorld, seed, type PortalWorld } from "./fixture.js";

let world: PortalWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const at = (iso: string) => new Date(iso);

/** A partner's edit through the API: the emulator stamps `Updated` with its clock, to the second. */
async function touch(w: PortalWorld, id: number, seats: number) {
  const res = await axios.patch(`${w.served.url}/api/objects/v1/Account/${id}`, { NFR_Seats__cf: seats }, {
    headers: { Authorization: `prm-key ${credentials.apiKey}`, "X-PRM-TenantId": String(credentials.tenantId) },
  });
  expect(res.status).toBe(200);
}

describe("the portal window at the second precision of Updated", () => {
  it("floors an instant to its second, leaving whole seconds alone", () => {
    expect(floorToSecond(at("2026-05-01T12:00:05.999Z"))).toEqual(at("2026-05-01T12:00:05Z"));
    expect(floorToSecond(at("2026-05-01T12:00:05Z"))).toEqual(at("2026-05-01T12:00:05Z"));
    expect(floorToSecond(at("1969-12-31T23:59:59.500Z"))).toEqual(at("1969-12-31T23:59:59Z"));
  });

  it("starts a window at the start of the second its start falls in, and keeps its end", () => {
    const end = at("2026-05-01T12:10:00.250Z");
    expect(portalWindow({ start: at("2026-05-01T12:00:05.200Z"), end })).toEqual({ start: at("2026-05-01T12:00:05Z"), end });
    expect(portalWindow({ start: null, end })).toEqual({ start: null, end });
  });

  it("reads, with no lookback, a change stamped in the second the previous window ended in and made after that read", async () => {
    world = await portalWorld(seed(3));
    const connector = world.connector();
    world.setNow(at("2026-05-01T12:00:05.200Z"));
    const first = await collect(connector.readChanged("Account", { start: null, end: at("2026-05-01T12:00:05.200Z") }, { fields: ["NFR_Seats__cf"] }));
    expect(first.records.map((r) => r.Id)).toEqual([1, 2, 3]);
    // The watermark never covers a partial second: a record stamped 12:00:05 may still come.
    const watermark = first.covered.at(-1)!;
    expect(watermark).toEqual(at("2026-05-01T12:00:05Z"));

    world.setNow(at("2026-05-01T12:00:05.700Z"));
    await touch(world, 2, 77); // stamped 12:00:05, i.e. before the first window's end, but after its read

    const next = await collect(connector.readChanged("Account", { start: watermark, end: at("2026-05-01T12:00:09Z") }, { fields: ["NFR_Seats__cf"] }));
    expect(next.records).toEqual([expect.objectContaining({ Id: 2, NFR_Seats__cf: 77 })]);
  });

  it("reads the whole second a window starts in, for a watermark stored to the millisecond", async () => {
    world = await portalWorld(seed(3));
    world.setNow(at("2026-05-01T12:00:05.700Z"));
    await touch(world, 3, 55); // stamped 12:00:05
    const { records, covered } = await collect(world.connector().readChanged("Account", { start: at("2026-05-01T12:00:05.200Z"), end: at("2026-05-01T12:00:06Z") }, { fields: ["NFR_Seats__cf"] }));
    expect(records).toEqual([expect.objectContaining({ Id: 3, NFR_Seats__cf: 55 })]);
    expect(covered.at(-1)).toEqual(at("2026-05-01T12:00:06Z"));
  });
});
