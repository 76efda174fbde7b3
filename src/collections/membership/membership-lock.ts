import { EntityManager } from 'typeorm';

/** One advisory lock guards stored membership. */
const MEMBERSHIP_LOCK = 7_245_101;

/**
 * Taken first by every transaction that can change membership: device writes
 * and collection or rule changes. They then run one at a time, so an
 * evaluation never reads rules or devices that another transaction is still
 * changing (no stale membership), and since it is always the first lock,
 * the row locks taken after it can never deadlock. Device writes are
 * serialised by the audit chain's head row anyway; reads take no lock.
 */
export async function lockMembership(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [MEMBERSHIP_LOCK]);
}
