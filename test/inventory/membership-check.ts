import { DataSource } from 'typeorm';
import { lockMembership } from '../../src/collections/membership/membership-lock';
import { MembershipService } from '../../src/collections/membership/membership.service';
import { TestApp } from '../support/test-app';

interface Snapshot {
  /** Per collection: stored member_count, rows in collection_members, and a digest of those rows. */
  collections: Record<string, { memberCount: number; rows: number; digest: string | null }>;
}

async function snapshot(db: Pick<DataSource, 'query'>): Promise<Snapshot> {
  const rows = (await db.query(
    `SELECT c.id, c.member_count AS "memberCount", count(m.device_id)::int AS rows, md5(string_agg(m.device_id::text, ',' ORDER BY m.device_id)) AS digest
       FROM collections c LEFT JOIN collection_members m ON m.collection_id = c.id GROUP BY c.id ORDER BY c.id`,
  )) as { id: string; memberCount: number; rows: number; digest: string | null }[];
  return { collections: Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest])) };
}

class Rollback extends Error {
  constructor(readonly fresh: Snapshot) {
    super('rollback');
  }
}

/** Stored membership and counts equal a full re-evaluation from scratch (computed, then rolled back). */
export async function expectMembershipConsistent(t: TestApp): Promise<void> {
  const stored = await snapshot(t.dataSource);
  let fresh: Snapshot | undefined;
  try {
    await t.dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      await tx.query('DELETE FROM collection_members');
      await tx.query('UPDATE collections SET member_count = 0');
      await t.app.get(MembershipService).reevaluateAll(tx);
      throw new Rollback(await snapshot(tx));
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    fresh = error.fresh;
  }
  expect(stored).toEqual(fresh);
  // member_count is the number of member rows, stored and freshly evaluated alike.
  for (const snap of [stored, fresh!]) {
    for (const [id, c] of Object.entries(snap.collections)) expect({ id, memberCount: c.memberCount }).toEqual({ id, memberCount: c.rows });
  }
}
