import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device names (ASCII letters, digits, hyphens) are compared byte by byte
 * (COLLATE "C") whatever the database's locale: pages are in the same order
 * on every installation (an en_US database ignored the hyphens), and a
 * case-insensitive name prefix is also a range of the column, so
 * `startswith(name,'SRV-')` reads its first page straight from the name index
 * instead of walking every name before it. The indexes on the column are
 * rebuilt by the ALTER, which also drops the column's statistics: without
 * them the planner guesses two rows for any name condition and sorts a
 * bitmap of thousands, so the table is analysed again here.
 */
export class DeviceNamesInBytewiseOrder1795653863573 implements MigrationInterface {
  name = 'DeviceNamesInBytewiseOrder1795653863573';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "devices" ALTER COLUMN "name" TYPE character varying(15) COLLATE "C"');
    await queryRunner.query('ANALYZE "devices"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "devices" ALTER COLUMN "name" TYPE character varying(15) COLLATE "default"');
    await queryRunner.query('ANALYZE "devices"');
  }
}
