import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795633953915 implements MigrationInterface {
  name = 'InitialSchema1795633953915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"principals\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(256) NOT NULL, \"name_key\" character varying(256) NOT NULL, \"display_name\" character varying(256), \"role\" character varying(64) NOT NULL, \"scope_collection_ids\" text array NOT NULL DEFAULT '{}', \"groups\" text array NOT NULL DEFAULT '{}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL, CONSTRAINT \"PK_58c7b420eb803e39d754963719c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_principals_name_key\" ON \"principals\" (\"name_key\") ");
    await queryRunner.query("CREATE TABLE \"api_tokens\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"principal_id\" uuid NOT NULL, \"name\" character varying(128) NOT NULL, \"token_hash\" character(64) NOT NULL, \"prefix\" character varying(16) NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_c587455266b5fa8dace7194caac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_api_tokens_principal\" ON \"api_tokens\" (\"principal_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_api_tokens_hash\" ON \"api_tokens\" (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"audit_chain_head\" (\"id\" smallint NOT NULL, \"seq\" bigint NOT NULL, \"hash\" character(64) NOT NULL, CONSTRAINT \"PK_9211408bf584034de409b1bbec5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"audit_records\" (\"seq\" bigint NOT NULL, \"occurred_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL, \"type\" character varying(64) NOT NULL, \"actor\" character varying(256) NOT NULL, \"session_id\" uuid, \"device_id\" uuid, \"details\" jsonb NOT NULL DEFAULT '{}', \"prev_hash\" character(64) NOT NULL, \"hash\" character(64) NOT NULL, CONSTRAINT \"PK_849d46c77cbd8a25c1e3cb456ff\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE INDEX \"IDX_audit_records_occurred_at\" ON \"audit_records\" (\"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_records_type\" ON \"audit_records\" (\"type\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_records_actor\" ON \"audit_records\" (\"actor\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_records_session\" ON \"audit_records\" (\"session_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_records_device\" ON \"audit_records\" (\"device_id\") ");
    await queryRunner.query("CREATE TABLE \"idempotency_keys\" (\"principal_id\" uuid NOT NULL, \"key\" character varying(255) NOT NULL, \"request_hash\" character(64) NOT NULL, \"status\" integer, \"response_body\" jsonb, \"location\" character varying(2048), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3df5494b04add5b16d8608a3876\" PRIMARY KEY (\"principal_id\", \"key\"))");
    await queryRunner.query("CREATE INDEX \"IDX_idempotency_keys_created_at\" ON \"idempotency_keys\" (\"created_at\") ");
    await queryRunner.query("ALTER TABLE \"api_tokens\" ADD CONSTRAINT \"FK_22bd785eb79017126832c27c79e\" FOREIGN KEY (\"principal_id\") REFERENCES \"principals\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // The audit trail is append-only: the database itself refuses changes.
    await queryRunner.query(`CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_records is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query('CREATE TRIGGER audit_records_no_update_delete BEFORE UPDATE OR DELETE ON "audit_records" FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()');
    await queryRunner.query('CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON "audit_records" FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()');
    await queryRunner.query(`INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_records_no_truncate ON "audit_records"');
    await queryRunner.query('DROP TRIGGER audit_records_no_update_delete ON "audit_records"');
    await queryRunner.query('DROP FUNCTION audit_records_append_only()');
    await queryRunner.query("ALTER TABLE \"api_tokens\" DROP CONSTRAINT \"FK_22bd785eb79017126832c27c79e\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_idempotency_keys_created_at\"");
    await queryRunner.query("DROP TABLE \"idempotency_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_records_device\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_records_session\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_records_actor\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_records_type\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_audit_records_occurred_at\"");
    await queryRunner.query("DROP TABLE \"audit_records\"");
    await queryRunner.query("DROP TABLE \"audit_chain_head\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_api_tokens_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_api_tokens_principal\"");
    await queryRunner.query("DROP TABLE \"api_tokens\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_principals_name_key\"");
    await queryRunner.query("DROP TABLE \"principals\"");
  }
}
