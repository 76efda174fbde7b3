import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSessionsAndClientSettings1795634736562 implements MigrationInterface {
  name = 'AddSessionsAndClientSettings1795634736562';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"client_settings_deployments\" (\"client_settings_id\" character varying(64) NOT NULL, \"collection_id\" character varying(64) NOT NULL, \"deployed_by\" character varying(256) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8318a3f2abda0209556f4486331\" PRIMARY KEY (\"client_settings_id\", \"collection_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_client_settings_deployments_collection\" ON \"client_settings_deployments\" (\"collection_id\") ");
    await queryRunner.query("CREATE TABLE \"client_settings\" (\"id\" character varying(64) NOT NULL, \"name\" character varying(256) NOT NULL, \"description\" character varying(2048), \"priority\" integer NOT NULL, \"remote_tools\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"version\" integer NOT NULL, CONSTRAINT \"UQ_client_settings_priority\" UNIQUE (\"priority\") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT \"PK_69ec4c74e074907c807f8ab7d40\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"relay_nodes\" (\"id\" uuid NOT NULL, \"public_url\" character varying(2048) NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"heartbeat_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"open_sessions\" integer NOT NULL DEFAULT '0', \"stopped_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_0dd2b8389ed3cee911cacce76ed\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"session_tickets\" (\"jti_hash\" character(64) NOT NULL, \"session_id\" uuid NOT NULL, \"role\" character varying(16) NOT NULL, \"expires_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL, \"consumed_at\" TIMESTAMP(3) WITH TIME ZONE, \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_450daf7954f670771fd56c15dbe\" PRIMARY KEY (\"jti_hash\"))");
    await queryRunner.query("CREATE INDEX \"IDX_session_tickets_session\" ON \"session_tickets\" (\"session_id\") ");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"device_id\" uuid NOT NULL, \"type\" character varying(32) NOT NULL, \"access_level\" character varying(32) NOT NULL, \"viewer\" character varying(256) NOT NULL, \"viewer_principal_id\" uuid NOT NULL, \"state\" character varying(32) NOT NULL, \"end_reason\" character varying(32), \"reason\" character varying(1024), \"consent_required\" boolean NOT NULL, \"consent_deadline\" TIMESTAMP WITH TIME ZONE, \"join_deadline\" TIMESTAMP WITH TIME ZONE, \"max_end_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"relay_node_id\" uuid, \"relay_url\" character varying(2048), \"created_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), \"consented_at\" TIMESTAMP(3) WITH TIME ZONE, \"started_at\" TIMESTAMP(3) WITH TIME ZONE, \"ended_at\" TIMESTAMP(3) WITH TIME ZONE, \"bytes_from_viewer\" bigint NOT NULL DEFAULT '0', \"bytes_from_agent\" bigint NOT NULL DEFAULT '0', \"version\" integer NOT NULL, CONSTRAINT \"PK_3238ef96f18b355b671619111bc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_sessions_viewer\" ON \"sessions\" (\"viewer\") ");
    await queryRunner.query("CREATE INDEX \"IDX_sessions_relay_node\" ON \"sessions\" (\"relay_node_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_sessions_state\" ON \"sessions\" (\"state\") ");
    await queryRunner.query("CREATE INDEX \"IDX_sessions_device_created\" ON \"sessions\" (\"device_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"ticket_keys\" (\"kid\" character varying(32) NOT NULL, \"private_key_pem\" text, \"public_key_pem\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"retired_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_df4aa15bb7e71500a34da26b470\" PRIMARY KEY (\"kid\"))");
    // At most one unfinished full-control session per device: concurrent requests cannot both win.
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_sessions_device_full_control" ON "sessions" ("device_id") WHERE "access_level" = 'fullControl' AND "state" <> 'ended'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "CHK_sessions_state" CHECK ("state" IN ('awaitingConsent', 'ready', 'active', 'ended'))`);
    await queryRunner.query(`ALTER TABLE "client_settings" ADD CONSTRAINT "CHK_client_settings_priority" CHECK (("id" = 'default' AND "priority" = 10000) OR ("id" <> 'default' AND "priority" BETWEEN 1 AND 9999))`);
    // The Default Client Settings: every Remote Tools setting at its domain.md default.
    await queryRunner.query(
      `INSERT INTO "client_settings" ("id", "name", "description", "priority", "remote_tools", "version") VALUES ('default', 'Default Client Settings', 'Applies to every device unless custom client settings with a higher priority are deployed to one of its collections.', 10000, $1, 1)`,
      [JSON.stringify({
        enableRemoteControl: false, firewallExceptionProfiles: [], usersCanChangeSettings: false, allowUnattendedComputer: true,
        promptUserForPermission: true, promptUserForClipboardPermission: true, grantPermissionToLocalAdministrators: true,
        accessLevel: 'fullControl', permittedViewers: [], showNotificationIcon: true, showConnectionBar: true, playSound: 'beginningAndEnd',
        manageUnsolicitedRemoteAssistance: false, manageSolicitedRemoteAssistance: false, remoteAssistanceAccessLevel: 'none',
        manageRemoteDesktop: false, allowPermittedViewersRemoteDesktop: false, requireNetworkLevelAuthentication: true,
      })],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "UQ_sessions_device_full_control"');
    await queryRunner.query("DROP TABLE \"ticket_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_sessions_device_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_sessions_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_sessions_relay_node\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_sessions_viewer\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_session_tickets_session\"");
    await queryRunner.query("DROP TABLE \"session_tickets\"");
    await queryRunner.query("DROP TABLE \"relay_nodes\"");
    await queryRunner.query("DROP TABLE \"client_settings\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_client_settings_deployments_collection\"");
    await queryRunner.query("DROP TABLE \"client_settings_deployments\"");
  }
}
