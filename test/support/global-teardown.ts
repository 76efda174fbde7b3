import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__RCGATE_PG__ as EmbeddedDatabase | undefined;
  await db?.stop();
}
