CREATE TABLE IF NOT EXISTS "crm_migrations_history" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK_crm_migrations_history" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "crm_tenants" (tenant_id TEXT NOT NULL, position INTEGER NOT NULL, CONSTRAINT "crm_tenants_pk" PRIMARY KEY (tenant_id));

CREATE TABLE "crm_changes" (tenant_id TEXT NOT NULL, position INTEGER NOT NULL, entity_type TEXT NOT NULL, record_id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL, committed_at TEXT NOT NULL, CONSTRAINT "crm_changes_pk" PRIMARY KEY (tenant_id, position));

CREATE TABLE "crm_commit_keys" (tenant_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, result TEXT NOT NULL, CONSTRAINT "crm_commit_keys_pk" PRIMARY KEY (tenant_id, idempotency_key));

CREATE TABLE "crm_alternate_keys" (tenant_id TEXT NOT NULL, entity_type TEXT NOT NULL, key_name TEXT NOT NULL, key_value TEXT NOT NULL, record_id TEXT NOT NULL, CONSTRAINT "crm_alternate_keys_pk" PRIMARY KEY (tenant_id, entity_type, key_name, key_value));

CREATE INDEX "crm_alternate_keys_by_record" ON "crm_alternate_keys" (tenant_id, entity_type, record_id);

CREATE TABLE "crm_record_values" (tenant_id TEXT NOT NULL, entity_type TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, ordinal integer NOT NULL, value TEXT NOT NULL, CONSTRAINT "crm_record_values_pk" PRIMARY KEY (tenant_id, entity_type, record_id, field, ordinal));

CREATE INDEX "crm_record_values_lookup" ON "crm_record_values" (tenant_id, entity_type, field, value, record_id);

CREATE TABLE "crm_contact_points" (tenant_id TEXT NOT NULL, owner_type TEXT NOT NULL, owner_id TEXT NOT NULL, ordinal integer NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, label TEXT NOT NULL, is_primary INTEGER NOT NULL, CONSTRAINT "crm_contact_points_pk" PRIMARY KEY (tenant_id, owner_type, owner_id, ordinal));

CREATE UNIQUE INDEX "crm_contact_points_one_primary" ON "crm_contact_points" (tenant_id, owner_type, owner_id, kind) WHERE is_primary = 1;

CREATE INDEX "crm_contact_points_lookup" ON "crm_contact_points" (tenant_id, owner_type, kind, value, owner_id);

CREATE TABLE "crm_outbox" (tenant_id TEXT NOT NULL, sequence INTEGER NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL, attempts integer NOT NULL, available_at TEXT NOT NULL, CONSTRAINT "crm_outbox_pk" PRIMARY KEY (tenant_id, sequence));

CREATE UNIQUE INDEX "crm_outbox_event" ON "crm_outbox" (event_id);

CREATE INDEX "crm_outbox_subject" ON "crm_outbox" (tenant_id, subject_type, subject_id, sequence);

CREATE INDEX "crm_outbox_claim" ON "crm_outbox" (sequence);

CREATE TABLE "crm_outbox_dead_letters" (tenant_id TEXT NOT NULL, sequence INTEGER NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL, attempts integer NOT NULL, reason TEXT NOT NULL, CONSTRAINT "crm_outbox_dead_letters_pk" PRIMARY KEY (tenant_id, sequence));

CREATE INDEX "crm_outbox_dead_letters_order" ON "crm_outbox_dead_letters" (sequence);

CREATE TABLE "crm_sequences" (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);

INSERT INTO "crm_sequences" (name, value) VALUES ('outbox', 0);

CREATE TABLE "crm_accounts" (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, owner_id TEXT, created_at TEXT, updated_at TEXT, lifecycle_stage TEXT, classification TEXT, name TEXT, website TEXT, industry TEXT, parent_account_id TEXT, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_accounts_pk" PRIMARY KEY (tenant_id, id));

CREATE INDEX "crm_accounts_by_parent" ON "crm_accounts" (tenant_id, parent_account_id, name, id);

CREATE INDEX "crm_accounts_lookup_updated_at" ON "crm_accounts" (tenant_id, updated_at, id);

CREATE INDEX "crm_accounts_lookup_owner_id" ON "crm_accounts" (tenant_id, owner_id, id);

CREATE INDEX "crm_accounts_lookup_name" ON "crm_accounts" (tenant_id, name, id);

CREATE TABLE "crm_contacts" (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, owner_id TEXT, created_at TEXT, updated_at TEXT, lifecycle_stage TEXT, classification TEXT, first_name TEXT, last_name TEXT, job_title TEXT, account_id TEXT, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_contacts_pk" PRIMARY KEY (tenant_id, id));

CREATE INDEX "crm_contacts_lookup_updated_at" ON "crm_contacts" (tenant_id, updated_at, id);

CREATE INDEX "crm_contacts_lookup_owner_id" ON "crm_contacts" (tenant_id, owner_id, id);

CREATE INDEX "crm_contacts_lookup_last_name" ON "crm_contacts" (tenant_id, last_name, id);

CREATE INDEX "crm_contacts_lookup_account_id" ON "crm_contacts" (tenant_id, account_id, id);

CREATE TABLE "crm_purchases" (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, owner_id TEXT, created_at TEXT, updated_at TEXT, source TEXT, order_number TEXT, account_id TEXT, contact_id TEXT, ordered_on TEXT, currency TEXT, total TEXT, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_purchases_pk" PRIMARY KEY (tenant_id, id));

CREATE INDEX "crm_purchases_by_account" ON "crm_purchases" (tenant_id, account_id, ordered_on DESC, id);

CREATE INDEX "crm_purchases_by_contact" ON "crm_purchases" (tenant_id, contact_id, ordered_on DESC, id);

CREATE INDEX "crm_purchases_lookup_updated_at" ON "crm_purchases" (tenant_id, updated_at, id);

CREATE INDEX "crm_purchases_lookup_owner_id" ON "crm_purchases" (tenant_id, owner_id, id);

CREATE TABLE "crm_activities" (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, owner_id TEXT, created_at TEXT, updated_at TEXT, kind TEXT, direction TEXT, status TEXT, subject TEXT, channel TEXT, occurred_at TEXT, due_at TEXT, remind_at TEXT, completed_at TEXT, reminder_owner TEXT, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_activities_pk" PRIMARY KEY (tenant_id, id));

CREATE INDEX "crm_activities_activities_reminders" ON "crm_activities" (tenant_id, reminder_owner, remind_at, id);

CREATE INDEX "crm_activities_lookup_updated_at" ON "crm_activities" (tenant_id, updated_at, id);

CREATE INDEX "crm_activities_lookup_owner_id" ON "crm_activities" (tenant_id, owner_id, id);

CREATE INDEX "crm_activities_lookup_occurred_at" ON "crm_activities" (tenant_id, occurred_at, id);

CREATE TABLE "crm_activity_bodies" (tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, owner_id TEXT, created_at TEXT, updated_at TEXT, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_activity_bodies_pk" PRIMARY KEY (tenant_id, id));

CREATE INDEX "crm_activity_bodies_lookup_updated_at" ON "crm_activity_bodies" (tenant_id, updated_at, id);

CREATE INDEX "crm_activity_bodies_lookup_owner_id" ON "crm_activity_bodies" (tenant_id, owner_id, id);

CREATE TABLE "crm_records" (tenant_id TEXT NOT NULL, entity_type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, custom_fields TEXT NOT NULL, data TEXT NOT NULL, CONSTRAINT "crm_records_pk" PRIMARY KEY (tenant_id, entity_type, id));

INSERT INTO "crm_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126000000_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "crm_purchases_value" ON "crm_purchases" (tenant_id, account_id, ordered_on, total, currency);

INSERT INTO "crm_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261127000000_PurchaseValueIndex', '10.0.15');

COMMIT;
