import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * collection_members is derived data kept current in code, in the same
 * transaction as every change; per-row foreign-key checks were three quarters
 * of the cost of re-evaluating a large collection. IF EXISTS: databases made
 * while AddInventory briefly had no such keys migrate too.
 */
export class DropCollectionMemberForeignKeys1795637062185 implements MigrationInterface {
  name = 'DropCollectionMemberForeignKeys1795637062185';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"collection_members\" DROP CONSTRAINT IF EXISTS \"FK_collection_members_collection\"");
    await queryRunner.query("ALTER TABLE \"collection_members\" DROP CONSTRAINT IF EXISTS \"FK_collection_members_device\"");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"collection_members\" ADD CONSTRAINT \"FK_collection_members_device\" FOREIGN KEY (\"device_id\") REFERENCES \"devices\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_members\" ADD CONSTRAINT \"FK_collection_members_collection\" FOREIGN KEY (\"collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }
}
