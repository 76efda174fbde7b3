import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAgentCredentials1795635195816 implements MigrationInterface {
  name = 'AddAgentCredentials1795635195816';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"device_tokens\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"device_id\" uuid NOT NULL, \"token_hash\" character(64) NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_84700be257607cfb1f9dc2e52c3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_device_tokens_device\" ON \"device_tokens\" (\"device_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_device_tokens_hash\" ON \"device_tokens\" (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"enrollment_keys\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(128) NOT NULL, \"site_code\" character varying(3) NOT NULL, \"key_hash\" character(64) NOT NULL, \"prefix\" character varying(16) NOT NULL, \"uses_left\" integer, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"created_by\" character varying(256) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5d95b6f290c3125687445a7620b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_enrollment_keys_hash\" ON \"enrollment_keys\" (\"key_hash\") ");
    await queryRunner.query("ALTER TABLE \"device_tokens\" ADD CONSTRAINT \"FK_device_tokens_device\" FOREIGN KEY (\"device_id\") REFERENCES \"devices\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_settings_deployments\" ADD CONSTRAINT \"FK_deployments_client_settings\" FOREIGN KEY (\"client_settings_id\") REFERENCES \"client_settings\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"client_settings_deployments\" ADD CONSTRAINT \"FK_deployments_collection\" FOREIGN KEY (\"collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"client_settings_deployments\" DROP CONSTRAINT \"FK_deployments_collection\"");
    await queryRunner.query("ALTER TABLE \"client_settings_deployments\" DROP CONSTRAINT \"FK_deployments_client_settings\"");
    await queryRunner.query("ALTER TABLE \"device_tokens\" DROP CONSTRAINT \"FK_device_tokens_device\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_enrollment_keys_hash\"");
    await queryRunner.query("DROP TABLE \"enrollment_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_device_tokens_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_device_tokens_device\"");
    await queryRunner.query("DROP TABLE \"device_tokens\"");
  }
}
