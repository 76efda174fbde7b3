import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInventory1795634799933 implements MigrationInterface {
  name = 'AddInventory1795634799933';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sites\" (\"code\" character varying(3) NOT NULL, \"name\" character varying(256) NOT NULL, \"type\" character varying(16) NOT NULL, \"parent_code\" character varying(3), \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL, CONSTRAINT \"CHK_sites_code\" CHECK (\"code\" ~ '^[A-Z0-9]{3}$'), CONSTRAINT \"CHK_sites_type\" CHECK (\"type\" IN ('central', 'primary', 'secondary')), CONSTRAINT \"PK_dde6621eadc0c9c9621360ec668\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE INDEX \"IDX_sites_parent_code\" ON \"sites\" (\"parent_code\") ");
    await queryRunner.query("CREATE TABLE \"devices\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(15) NOT NULL, \"site_code\" character varying(3) NOT NULL, \"join_type\" character varying(16) NOT NULL, \"domain\" character varying(255), \"workgroup\" character varying(15), \"os_name\" character varying(128), \"os_version\" character varying(64), \"client_version\" character varying(64), \"client_active\" boolean NOT NULL DEFAULT false, \"logged_on_user\" character varying(256), \"local_administrators\" text array NOT NULL DEFAULT '{}', \"ip_addresses\" text array NOT NULL DEFAULT '{}', \"last_seen_at\" TIMESTAMP(3) WITH TIME ZONE, \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL, CONSTRAINT \"CHK_devices_domain\" CHECK ((\"join_type\" = 'domain') = (\"domain\" IS NOT NULL)), CONSTRAINT \"CHK_devices_join_type\" CHECK (\"join_type\" IN ('domain', 'workgroup')), CONSTRAINT \"PK_b1514758245c12daf43486dd1f0\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_devices_join_type\" ON \"devices\" (\"join_type\") ");
    await queryRunner.query("CREATE INDEX \"IDX_devices_last_seen_at\" ON \"devices\" (\"last_seen_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_devices_name_id\" ON \"devices\" (\"name\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"collections\" (\"id\" character varying(64) NOT NULL, \"name\" character varying(256) NOT NULL, \"description\" character varying(2048), \"limiting_collection_id\" character varying(64), \"built_in\" boolean NOT NULL DEFAULT false, \"member_count\" integer NOT NULL DEFAULT '0', \"last_evaluated_at\" TIMESTAMP(3) WITH TIME ZONE, \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL, CONSTRAINT \"CHK_collections_limiting\" CHECK (\"built_in\" OR \"limiting_collection_id\" IS NOT NULL), CONSTRAINT \"PK_21c00b1ebbd41ba1354242c5c4e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_collections_limiting\" ON \"collections\" (\"limiting_collection_id\") ");
    await queryRunner.query("CREATE TABLE \"collection_members\" (\"collection_id\" character varying(64) NOT NULL, \"device_id\" uuid NOT NULL, CONSTRAINT \"PK_47e190759a8659de1afea0655db\" PRIMARY KEY (\"collection_id\", \"device_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_collection_members_device\" ON \"collection_members\" (\"device_id\", \"collection_id\") ");
    await queryRunner.query("CREATE TABLE \"collection_rules\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"collection_id\" character varying(64) NOT NULL, \"type\" character varying(16) NOT NULL, \"device_id\" uuid, \"ref_collection_id\" character varying(64), \"name\" character varying(256), \"filter\" character varying(4096), \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"CHK_collection_rules_shape\" CHECK ((\"type\" = 'direct') = (\"device_id\" IS NOT NULL) AND (\"type\" = 'query') = (\"filter\" IS NOT NULL) AND (\"type\" IN ('include', 'exclude')) = (\"ref_collection_id\" IS NOT NULL)), CONSTRAINT \"CHK_collection_rules_type\" CHECK (\"type\" IN ('direct', 'query', 'include', 'exclude')), CONSTRAINT \"PK_c9c8714990478b89f6c26ca8ead\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_collection_rules_device\" ON \"collection_rules\" (\"device_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_collection_rules_reference\" ON \"collection_rules\" (\"ref_collection_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_collection_rules_reference\" ON \"collection_rules\" (\"collection_id\", \"type\", \"ref_collection_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_collection_rules_device\" ON \"collection_rules\" (\"collection_id\", \"device_id\") ");
    await queryRunner.query("ALTER TABLE \"sites\" ADD CONSTRAINT \"FK_sites_parent\" FOREIGN KEY (\"parent_code\") REFERENCES \"sites\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"devices\" ADD CONSTRAINT \"FK_devices_site\" FOREIGN KEY (\"site_code\") REFERENCES \"sites\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collections\" ADD CONSTRAINT \"FK_collections_limiting\" FOREIGN KEY (\"limiting_collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_members\" ADD CONSTRAINT \"FK_collection_members_collection\" FOREIGN KEY (\"collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_members\" ADD CONSTRAINT \"FK_collection_members_device\" FOREIGN KEY (\"device_id\") REFERENCES \"devices\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_rules\" ADD CONSTRAINT \"FK_collection_rules_collection\" FOREIGN KEY (\"collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_rules\" ADD CONSTRAINT \"FK_collection_rules_device\" FOREIGN KEY (\"device_id\") REFERENCES \"devices\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_rules\" ADD CONSTRAINT \"FK_collection_rules_reference\" FOREIGN KEY (\"ref_collection_id\") REFERENCES \"collections\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Hand-written (entities mark these synchronize: false, so the drift check ignores them).
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sites_single_central" ON "sites" ((true)) WHERE "type" = 'central'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_devices_site_name" ON "devices" ("site_code", lower("name"))`);
    await queryRunner.query(`CREATE INDEX "IDX_devices_name_lower" ON "devices" (lower("name") text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_devices_logged_on_user_lower" ON "devices" (lower("logged_on_user") text_pattern_ops)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_collections_name" ON "collections" (lower("name"))`);
    await queryRunner.query(
      `INSERT INTO "collections" ("id", "name", "description", "limiting_collection_id", "built_in", "member_count", "version")
       VALUES ('all-systems', 'All Systems', 'Every device. Built in: cannot be changed or deleted.', NULL, true, 0, 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_collections_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_devices_logged_on_user_lower"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_devices_name_lower"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_devices_site_name"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_sites_single_central"`);
    await queryRunner.query("ALTER TABLE \"collection_rules\" DROP CONSTRAINT \"FK_collection_rules_reference\"");
    await queryRunner.query("ALTER TABLE \"collection_rules\" DROP CONSTRAINT \"FK_collection_rules_device\"");
    await queryRunner.query("ALTER TABLE \"collection_rules\" DROP CONSTRAINT \"FK_collection_rules_collection\"");
    await queryRunner.query("ALTER TABLE \"collection_members\" DROP CONSTRAINT \"FK_collection_members_device\"");
    await queryRunner.query("ALTER TABLE \"collection_members\" DROP CONSTRAINT \"FK_collection_members_collection\"");
    await queryRunner.query("ALTER TABLE \"collections\" DROP CONSTRAINT \"FK_collections_limiting\"");
    await queryRunner.query("ALTER TABLE \"devices\" DROP CONSTRAINT \"FK_devices_site\"");
    await queryRunner.query("ALTER TABLE \"sites\" DROP CONSTRAINT \"FK_sites_parent\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_collection_rules_device\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_collection_rules_reference\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_collection_rules_reference\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_collection_rules_device\"");
    await queryRunner.query("DROP TABLE \"collection_rules\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_collection_members_device\"");
    await queryRunner.query("DROP TABLE \"collection_members\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_collections_limiting\"");
    await queryRunner.query("DROP TABLE \"collections\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_devices_name_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_devices_last_seen_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_devices_join_type\"");
    await queryRunner.query("DROP TABLE \"devices\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_sites_parent_code\"");
    await queryRunner.query("DROP TABLE \"sites\"");
  }
}
