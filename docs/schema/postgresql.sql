CREATE TABLE IF NOT EXISTS crm_migrations_history (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK_crm_migrations_history" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_tenants" (tenant_id text COLLATE "C" NOT NULL, position bigint NOT NULL, CONSTRAINT "crm_tenants_pk" PRIMARY KEY (tenant_id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_changes" (tenant_id text COLLATE "C" NOT NULL, position bigint NOT NULL, entity_type text COLLATE "C" NOT NULL, record_id uuid NOT NULL, kind text COLLATE "C" NOT NULL, version bigint NOT NULL, committed_at timestamptz NOT NULL, CONSTRAINT "crm_changes_pk" PRIMARY KEY (tenant_id, position));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_commit_keys" (tenant_id text COLLATE "C" NOT NULL, idempotency_key text COLLATE "C" NOT NULL, result jsonb NOT NULL, CONSTRAINT "crm_commit_keys_pk" PRIMARY KEY (tenant_id, idempotency_key));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_alternate_keys" (tenant_id text COLLATE "C" NOT NULL, entity_type text COLLATE "C" NOT NULL, key_name text COLLATE "C" NOT NULL, key_value text COLLATE "C" NOT NULL, record_id uuid NOT NULL, CONSTRAINT "crm_alternate_keys_pk" PRIMARY KEY (tenant_id, entity_type, key_name, key_value));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_alternate_keys_by_record" ON "crm_alternate_keys" (tenant_id, entity_type, record_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_record_values" (tenant_id text COLLATE "C" NOT NULL, entity_type text COLLATE "C" NOT NULL, record_id uuid NOT NULL, field text COLLATE "C" NOT NULL, ordinal integer NOT NULL, value text COLLATE "C" NOT NULL, CONSTRAINT "crm_record_values_pk" PRIMARY KEY (tenant_id, entity_type, record_id, field, ordinal));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_record_values_lookup" ON "crm_record_values" (tenant_id, entity_type, field, value, record_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_contact_points" (tenant_id text COLLATE "C" NOT NULL, owner_type text COLLATE "C" NOT NULL, owner_id uuid NOT NULL, ordinal integer NOT NULL, kind text COLLATE "C" NOT NULL, value text COLLATE "C" NOT NULL, label text COLLATE "C" NOT NULL, is_primary boolean NOT NULL, CONSTRAINT "crm_contact_points_pk" PRIMARY KEY (tenant_id, owner_type, owner_id, ordinal));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE UNIQUE INDEX "crm_contact_points_one_primary" ON "crm_contact_points" (tenant_id, owner_type, owner_id, kind) WHERE is_primary = true;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contact_points_lookup" ON "crm_contact_points" (tenant_id, owner_type, kind, value, owner_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_outbox" (tenant_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL, event_id uuid NOT NULL, event_type text COLLATE "C" NOT NULL, subject_type text COLLATE "C" NOT NULL, subject_id uuid NOT NULL, occurred_at timestamptz NOT NULL, payload text COLLATE "C" NOT NULL, attempts integer NOT NULL, available_at timestamptz NOT NULL, CONSTRAINT "crm_outbox_pk" PRIMARY KEY (tenant_id, sequence));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE UNIQUE INDEX "crm_outbox_event" ON "crm_outbox" (event_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_outbox_subject" ON "crm_outbox" (tenant_id, subject_type, subject_id, sequence);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_outbox_claim" ON "crm_outbox" (sequence);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_outbox_dead_letters" (tenant_id text COLLATE "C" NOT NULL, sequence bigint NOT NULL, event_id uuid NOT NULL, event_type text COLLATE "C" NOT NULL, subject_type text COLLATE "C" NOT NULL, subject_id uuid NOT NULL, occurred_at timestamptz NOT NULL, payload text COLLATE "C" NOT NULL, attempts integer NOT NULL, reason text COLLATE "C" NOT NULL, CONSTRAINT "crm_outbox_dead_letters_pk" PRIMARY KEY (tenant_id, sequence));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_outbox_dead_letters_order" ON "crm_outbox_dead_letters" (sequence);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE SEQUENCE "crm_outbox_sequence";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_accounts" (tenant_id text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, owner_id text COLLATE "C", created_at timestamptz, updated_at timestamptz, lifecycle_stage text COLLATE "C", classification text COLLATE "C", name text COLLATE "C", website text COLLATE "C", industry text COLLATE "C", parent_account_id text COLLATE "C", custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_accounts_pk" PRIMARY KEY (tenant_id, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_accounts_by_parent" ON "crm_accounts" (tenant_id, parent_account_id ASC NULLS FIRST, name ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_accounts_lookup_updated_at" ON "crm_accounts" (tenant_id, updated_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_accounts_lookup_owner_id" ON "crm_accounts" (tenant_id, owner_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_accounts_lookup_name" ON "crm_accounts" (tenant_id, name ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_accounts_custom_fields" ON "crm_accounts" USING gin (custom_fields jsonb_path_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_contacts" (tenant_id text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, owner_id text COLLATE "C", created_at timestamptz, updated_at timestamptz, lifecycle_stage text COLLATE "C", classification text COLLATE "C", first_name text COLLATE "C", last_name text COLLATE "C", job_title text COLLATE "C", account_id text COLLATE "C", custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_contacts_pk" PRIMARY KEY (tenant_id, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contacts_lookup_updated_at" ON "crm_contacts" (tenant_id, updated_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contacts_lookup_owner_id" ON "crm_contacts" (tenant_id, owner_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contacts_lookup_last_name" ON "crm_contacts" (tenant_id, last_name ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contacts_lookup_account_id" ON "crm_contacts" (tenant_id, account_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_contacts_custom_fields" ON "crm_contacts" USING gin (custom_fields jsonb_path_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_purchases" (tenant_id text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, owner_id text COLLATE "C", created_at timestamptz, updated_at timestamptz, source text COLLATE "C", order_number text COLLATE "C", account_id text COLLATE "C", contact_id text COLLATE "C", ordered_on date, currency text COLLATE "C", total numeric, custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_purchases_pk" PRIMARY KEY (tenant_id, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_purchases_by_account" ON "crm_purchases" (tenant_id, account_id ASC NULLS FIRST, ordered_on DESC NULLS LAST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_purchases_by_contact" ON "crm_purchases" (tenant_id, contact_id ASC NULLS FIRST, ordered_on DESC NULLS LAST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_purchases_lookup_updated_at" ON "crm_purchases" (tenant_id, updated_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_purchases_lookup_owner_id" ON "crm_purchases" (tenant_id, owner_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_purchases_custom_fields" ON "crm_purchases" USING gin (custom_fields jsonb_path_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_activities" (tenant_id text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, owner_id text COLLATE "C", created_at timestamptz, updated_at timestamptz, kind text COLLATE "C", direction text COLLATE "C", status text COLLATE "C", subject text COLLATE "C", channel text COLLATE "C", occurred_at timestamptz, due_at timestamptz, remind_at timestamptz, completed_at timestamptz, reminder_owner text COLLATE "C", custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_activities_pk" PRIMARY KEY (tenant_id, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activities_activities_reminders" ON "crm_activities" (tenant_id, reminder_owner ASC NULLS FIRST, remind_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activities_lookup_updated_at" ON "crm_activities" (tenant_id, updated_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activities_lookup_owner_id" ON "crm_activities" (tenant_id, owner_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activities_lookup_occurred_at" ON "crm_activities" (tenant_id, occurred_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activities_custom_fields" ON "crm_activities" USING gin (custom_fields jsonb_path_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_activity_bodies" (tenant_id text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, owner_id text COLLATE "C", created_at timestamptz, updated_at timestamptz, custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_activity_bodies_pk" PRIMARY KEY (tenant_id, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activity_bodies_lookup_updated_at" ON "crm_activity_bodies" (tenant_id, updated_at ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activity_bodies_lookup_owner_id" ON "crm_activity_bodies" (tenant_id, owner_id ASC NULLS FIRST, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE INDEX "crm_activity_bodies_custom_fields" ON "crm_activity_bodies" USING gin (custom_fields jsonb_path_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    CREATE TABLE "crm_records" (tenant_id text COLLATE "C" NOT NULL, entity_type text COLLATE "C" NOT NULL, id uuid NOT NULL, version bigint NOT NULL, custom_fields jsonb NOT NULL, data jsonb NOT NULL, CONSTRAINT "crm_records_pk" PRIMARY KEY (tenant_id, entity_type, id));
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261126000000_Initial') THEN
    INSERT INTO crm_migrations_history ("MigrationId", "ProductVersion")
    VALUES ('20261126000000_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261127000000_PurchaseValueIndex') THEN
    CREATE INDEX "crm_purchases_value" ON "crm_purchases" (tenant_id, account_id, ordered_on, total, currency);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM crm_migrations_history WHERE "MigrationId" = '20261127000000_PurchaseValueIndex') THEN
    INSERT INTO crm_migrations_history ("MigrationId", "ProductVersion")
    VALUES ('20261127000000_PurchaseValueIndex', '10.0.15');
    END IF;
END $EF$;
COMMIT;
