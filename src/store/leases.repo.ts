// One holder per flow across processes. A lease has an owner and an expiry; the holder renews it
// while it works, and a crashed holder's lease simply expires. Acquire runs in an IMMEDIATE
// transaction, so two processes racing for a free lease are serialized by SQLite's write lock and
// exactly one sees the row free.
import type Database from "better-sqlite3";

export interface Lease {
  name: string;
  owner: string;
  acquiredAt: number;
  renewedAt: number;
  expiresAt: number;
}

export class LeasesRepo {
  private readonly getStmt;
  private readonly takeStmt;
  private readonly renewStmt;
  private readonly releaseStmt;
  private readonly heldStmt;
  private readonly acquireTx;

  constructor(db: Database.Database, private readonly clock: () => number) {
    this.getStmt = db.prepare<[string], Lease>("SELECT name, owner, acquired_at AS acquiredAt, renewed_at AS renewedAt, expires_at AS expiresAt FROM leases WHERE name = ?");
    this.takeStmt = db.prepare(
      "INSERT INTO leases (name, owner, acquired_at, renewed_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, renewed_at = excluded.renewed_at, expires_at = excluded.expires_at",
    );
    this.renewStmt = db.prepare("UPDATE leases SET renewed_at = ?, expires_at = ? WHERE name = ? AND owner = ? AND expires_at > ?");
    this.releaseStmt = db.prepare("DELETE FROM leases WHERE name = ? AND owner = ?");
    this.heldStmt = db.prepare<[number], Lease>("SELECT name, owner, acquired_at AS acquiredAt, renewed_at AS renewedAt, expires_at AS expiresAt FROM leases WHERE expires_at > ? ORDER BY name");
    this.acquireTx = db.transaction((name: string, owner: string, ttlMs: number): Lease | undefined => {
      const now = this.clock();
      const current = this.getStmt.get(name);
      if (current && current.owner !== owner && current.expiresAt > now) return undefined;
      this.takeStmt.run(name, owner, now, now, now + ttlMs);
      return this.getStmt.get(name);
    });
  }

  /** Takes the lease when free, expired, or already ours; undefined when another live holder has it. */
  acquire(name: string, owner: string, ttlMs: number): Lease | undefined {
    return this.acquireTx.immediate(name, owner, ttlMs);
  }

  /** Extends our lease; false when it expired or another process took it over (stop working). */
  renew(name: string, owner: string, ttlMs: number): boolean {
    const now = this.clock();
    return this.renewStmt.run(now, now + ttlMs, name, owner, now).changes === 1;
  }

  /** The instant the leases are judged at (the store's clock), for a holder tracking its own expiry. */
  now(): number {
    return this.clock();
  }

  release(name: string, owner: string): boolean {
    return this.releaseStmt.run(name, owner).changes === 1;
  }

  get(name: string): Lease | undefined {
    return this.getStmt.get(name);
  }

  /** Leases not yet expired. */
  held(): Lease[] {
    return this.heldStmt.all(this.clock());
  }
}
