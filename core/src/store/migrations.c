/* store/migrations.c - the local store's schema history and the runner that applies it. */
#include "store/migrations.h"

#include <stdio.h>

#include "util/error.h"

/*
 * The schema history. Append a step to change the schema; never edit or
 * remove a step that has shipped (tests/fixtures keeps a database of every
 * earlier version and checks that it upgrades).
 */
const mci_migration mci_store_migrations[] = {
    {1, "meta: install-wide key/value facts (client id, sign-in in progress)",
     "CREATE TABLE meta (\n"
     "  key   TEXT PRIMARY KEY,\n"
     "  value TEXT NOT NULL\n"
     ") WITHOUT ROWID;\n"},
    {2, "account: the signed-in member as the server last described them",
     "CREATE TABLE account (\n"
     "  singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),\n"
     "  user_id          TEXT NOT NULL,\n"
     "  phone            TEXT NOT NULL,\n"
     "  name             TEXT NOT NULL DEFAULT '',\n"
     "  email            TEXT NOT NULL DEFAULT '',\n"
     "  company          TEXT NOT NULL DEFAULT '',\n"
     "  city             TEXT NOT NULL DEFAULT '',\n"
     "  roles            INTEGER NOT NULL DEFAULT 0,\n"
     "  profile_complete INTEGER NOT NULL DEFAULT 0,\n"
     "  lead_id          TEXT NOT NULL DEFAULT '',\n"
     "  lead_status      TEXT NOT NULL DEFAULT '',\n"
     "  intent           INTEGER NOT NULL DEFAULT 0,\n"
     "  industry         TEXT NOT NULL DEFAULT '',\n"
     "  employees        INTEGER NOT NULL DEFAULT 0,\n"
     "  timeline         TEXT NOT NULL DEFAULT '',\n"
     "  budget_paise     INTEGER NOT NULL DEFAULT 0,\n"
     "  company_id       TEXT NOT NULL DEFAULT '',\n"
     "  building_id      TEXT NOT NULL DEFAULT '',\n"
     "  seat             TEXT NOT NULL DEFAULT '',\n"
     "  updated_at_ms    INTEGER NOT NULL\n"
     ");\n"},
    {3, "sync: server truth (entity), the outbox of pending intents",
     "CREATE TABLE entity (\n"
     "  kind TEXT NOT NULL,\n"
     "  id   TEXT NOT NULL,\n"
     "  data TEXT NOT NULL,\n"
     "  PRIMARY KEY (kind, id)\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE outbox (\n"
     "  mutation_id       INTEGER PRIMARY KEY AUTOINCREMENT,\n"
     "  user_id           TEXT NOT NULL,\n"
     "  idempotency_key   TEXT NOT NULL UNIQUE,\n"
     "  kind              TEXT NOT NULL,\n"
     "  entity_id         TEXT NOT NULL,\n"
     "  payload           TEXT NOT NULL,\n"
     "  state             INTEGER NOT NULL DEFAULT 0,\n"
     "  attempts          INTEGER NOT NULL DEFAULT 0,\n"
     "  next_attempt_ms   INTEGER NOT NULL DEFAULT 0,\n"
     "  error_code        INTEGER NOT NULL DEFAULT 0,\n"
     "  error_server_code TEXT NOT NULL DEFAULT '',\n"
     "  error_message     TEXT NOT NULL DEFAULT '',\n"
     "  created_at_ms     INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX outbox_by_entity ON outbox (kind, entity_id);\n"},
    {4, "rooms: typed projections of rooms and busy slots for availability searches",
     "CREATE TABLE room_index (\n"
     "  id                   TEXT PRIMARY KEY,\n"
     "  building_id          TEXT NOT NULL,\n"
     "  name                 TEXT NOT NULL,\n"
     "  capacity             INTEGER NOT NULL,\n"
     "  amenities            TEXT NOT NULL, -- names joined by char(31)\n"
     "  price_per_hour_paise INTEGER NOT NULL,\n"
     "  credits_per_hour     INTEGER NOT NULL,\n"
     "  blackouts            TEXT -- JSON array, NULL when none\n"
     ");\n"
     "-- covering: a building's rooms are read from the index alone\n"
     "CREATE INDEX room_index_by_building ON room_index (building_id, id, capacity, name,\n"
     "  amenities, price_per_hour_paise, credits_per_hour, blackouts);\n"
     "CREATE INDEX entity_reservation_by_start ON entity (json_extract(data, '$.start_ms'))\n"
     "  WHERE kind = 'reservation';\n"
     "CREATE TABLE busy_slot (\n"
     "  id       TEXT PRIMARY KEY,\n"
     "  room_id  TEXT NOT NULL,\n"
     "  start_ms INTEGER NOT NULL,\n"
     "  end_ms   INTEGER NOT NULL\n"
     ");\n"
     "-- covering: a day's busy slots are read from the index alone\n"
     "CREATE INDEX busy_slot_by_start ON busy_slot (start_ms, end_ms, room_id);\n"
     "INSERT INTO room_index SELECT id, coalesce(json_extract(data, '$.building_id'), ''),\n"
     "  coalesce(json_extract(data, '$.name'), ''), coalesce(json_extract(data, '$.capacity'), "
     "0),\n"
     "  coalesce((SELECT group_concat(value, char(31)) FROM json_each(data, '$.amenities')), ''),\n"
     "  coalesce(json_extract(data, '$.price_per_hour_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.credits_per_hour'), 0),\n"
     "  nullif(json_extract(data, '$.blackouts'), '[]') FROM entity WHERE kind = 'room';\n"
     "INSERT INTO busy_slot (id, room_id, start_ms, end_ms)\n"
     "  SELECT id, json_extract(data, '$.room_id'), json_extract(data, '$.start_ms'),\n"
     "         json_extract(data, '$.end_ms') FROM entity WHERE kind = 'room_busy';\n"},
    {5,
     "typed projections of the list kinds: notifications, events, RSVPs, bookings, credit "
     "lines, invoices, passes, credentials (each feature keeps its own; backfilled here)",
     "CREATE TABLE notification_row (\n"
     "  id            TEXT PRIMARY KEY,\n"
     "  category      TEXT NOT NULL,\n"
     "  title         TEXT NOT NULL,\n"
     "  body          TEXT NOT NULL,\n"
     "  deep_link     TEXT NOT NULL,\n"
     "  created_at_ms INTEGER NOT NULL,\n"
     "  read          INTEGER NOT NULL\n"
     ");\n"
     "-- the inbox, newest first; unread ones in partial indexes (the counts scan only them)\n"
     "CREATE INDEX notification_row_by_created ON notification_row (created_at_ms DESC, id);\n"
     "CREATE INDEX notification_row_unread ON notification_row (created_at_ms DESC, id)\n"
     "  WHERE read = 0;\n"
     "CREATE INDEX notification_row_unread_by_category ON notification_row (category)\n"
     "  WHERE read = 0;\n"
     "CREATE TABLE event_row (\n"
     "  id           TEXT PRIMARY KEY,\n"
     "  building_id  TEXT NOT NULL,\n"
     "  title        TEXT NOT NULL,\n"
     "  description  TEXT NOT NULL,\n"
     "  starts_at_ms INTEGER NOT NULL,\n"
     "  ends_at_ms   INTEGER NOT NULL,\n"
     "  capacity     INTEGER NOT NULL,\n"
     "  going_count  INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX event_row_by_start ON event_row (starts_at_ms, id, ends_at_ms);\n"
     "-- the longest event: \"ends after now\" becomes a seek on the start index\n"
     "CREATE INDEX event_row_by_length ON event_row (ends_at_ms - starts_at_ms);\n"
     "CREATE TABLE rsvp_row (\n"
     "  event_id TEXT PRIMARY KEY,\n"
     "  status   TEXT NOT NULL\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE booking_row (\n"
     "  id           TEXT PRIMARY KEY,\n"
     "  room_id      TEXT NOT NULL,\n"
     "  building_id  TEXT NOT NULL,\n"
     "  start_ms     INTEGER NOT NULL,\n"
     "  end_ms       INTEGER NOT NULL,\n"
     "  status       TEXT NOT NULL,\n"
     "  paid_by      TEXT NOT NULL,\n"
     "  credits      INTEGER NOT NULL,\n"
     "  amount_paise INTEGER NOT NULL,\n"
     "  order_id     TEXT NOT NULL,\n"
     "  key_id       TEXT NOT NULL,\n"
     "  guest_count  INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX booking_row_by_start ON booking_row (start_ms, id, end_ms);\n"
     "-- the longest booking: \"ends after now\" becomes a seek on the start index\n"
     "CREATE INDEX booking_row_by_length ON booking_row (end_ms - start_ms);\n"
     "CREATE TABLE booking_guest_row (\n"
     "  booking_id    TEXT NOT NULL REFERENCES booking_row (id) ON DELETE CASCADE,\n"
     "  position      INTEGER NOT NULL,\n"
     "  name          TEXT NOT NULL,\n"
     "  email         TEXT NOT NULL,\n"
     "  credential_id TEXT NOT NULL,\n"
     "  PRIMARY KEY (booking_id, position)\n"
     ") WITHOUT ROWID;\n"
     "-- credit bookings made here and not yet in server truth: one row per queued\n"
     "-- booking.create, gone with its outbox row\n"
     "CREATE TABLE pending_booking (\n"
     "  mutation_id INTEGER PRIMARY KEY REFERENCES outbox (mutation_id) ON DELETE CASCADE,\n"
     "  booking_id  TEXT NOT NULL,\n"
     "  user_id     TEXT NOT NULL,\n"
     "  start_ms    INTEGER NOT NULL,\n"
     "  end_ms      INTEGER NOT NULL,\n"
     "  credits     INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX pending_booking_by_user ON pending_booking (user_id, start_ms, booking_id);\n"
     "INSERT INTO pending_booking SELECT mutation_id, entity_id, user_id,\n"
     "  coalesce(json_extract(payload, '$.start_ms'), 0),\n"
     "  coalesce(json_extract(payload, '$.start_ms'), 0) +\n"
     "    3600000 * coalesce(json_extract(payload, '$.hours'), 1),\n"
     "  coalesce(json_extract(payload, '$.credits'), 0)\n"
     "  FROM outbox WHERE kind = 'booking.create';\n"
     "CREATE TABLE credit_line_row (\n"
     "  id             TEXT PRIMARY KEY,\n"
     "  company_id     TEXT NOT NULL,\n"
     "  delta          INTEGER NOT NULL,\n"
     "  balance_after  INTEGER NOT NULL,\n"
     "  reason         TEXT NOT NULL,\n"
     "  reservation_id TEXT NOT NULL,\n"
     "  at_ms          INTEGER NOT NULL\n"
     ");\n"
     "CREATE INDEX credit_line_row_by_company ON credit_line_row (company_id, at_ms DESC,\n"
     "  id DESC);\n"
     "CREATE TABLE invoice_row (\n"
     "  id             TEXT PRIMARY KEY,\n"
     "  number         TEXT NOT NULL,\n"
     "  status         TEXT NOT NULL,\n"
     "  subtotal_paise INTEGER NOT NULL,\n"
     "  discount_paise INTEGER NOT NULL,\n"
     "  gst_paise      INTEGER NOT NULL,\n"
     "  total_paise    INTEGER NOT NULL,\n"
     "  issued_at_ms   INTEGER NOT NULL,\n"
     "  due_at_ms      INTEGER NOT NULL,\n"
     "  paid_at_ms     INTEGER NOT NULL,\n"
     "  line_count     INTEGER NOT NULL -- its rows in invoice_line_row\n"
     ");\n"
     "CREATE INDEX invoice_row_by_issued ON invoice_row (issued_at_ms DESC, id DESC);\n"
     "-- an invoice's lines in order: a page's lines are one range join, no JSON parsed\n"
     "CREATE TABLE invoice_line_row (\n"
     "  invoice_id   TEXT NOT NULL REFERENCES invoice_row (id) ON DELETE CASCADE,\n"
     "  position     INTEGER NOT NULL,\n"
     "  description  TEXT NOT NULL,\n"
     "  quantity     INTEGER NOT NULL,\n"
     "  unit_paise   INTEGER NOT NULL,\n"
     "  amount_paise INTEGER NOT NULL,\n"
     "  PRIMARY KEY (invoice_id, position)\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE pass_row (\n"
     "  id            TEXT PRIMARY KEY,\n"
     "  building_id   TEXT NOT NULL,\n"
     "  date          TEXT NOT NULL,\n"
     "  holder_name   TEXT NOT NULL,\n"
     "  holder_email  TEXT NOT NULL,\n"
     "  status        TEXT NOT NULL,\n"
     "  invoice_id    TEXT NOT NULL,\n"
     "  credential_id TEXT NOT NULL\n"
     ");\n"
     "CREATE INDEX pass_row_by_date ON pass_row (date, id);\n"
     "CREATE TABLE credential_row (\n"
     "  id             TEXT PRIMARY KEY,\n"
     "  kind           TEXT NOT NULL,\n"
     "  building_id    TEXT NOT NULL,\n"
     "  valid_from_ms  INTEGER NOT NULL,\n"
     "  valid_until_ms INTEGER NOT NULL,\n"
     "  pass_id        TEXT NOT NULL,\n"
     "  reservation_id TEXT NOT NULL\n"
     ");\n"
     "CREATE INDEX credential_row_by_from ON credential_row (valid_from_ms, id, valid_until_ms);\n"
     "INSERT INTO notification_row SELECT id, coalesce(json_extract(data, '$.category'), ''),\n"
     "  coalesce(json_extract(data, '$.title'), ''), coalesce(json_extract(data, '$.body'), ''),\n"
     "  coalesce(json_extract(data, '$.deep_link'), ''),\n"
     "  coalesce(json_extract(data, '$.created_at_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.read'), 0) != 0 FROM entity WHERE kind = 'notification';\n"
     "INSERT INTO event_row SELECT id, coalesce(json_extract(data, '$.building_id'), ''),\n"
     "  coalesce(json_extract(data, '$.title'), ''),\n"
     "  coalesce(json_extract(data, '$.description'), ''),\n"
     "  coalesce(json_extract(data, '$.starts_at_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.ends_at_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.capacity'), 0),\n"
     "  coalesce(json_extract(data, '$.going_count'), 0) FROM entity WHERE kind = 'event';\n"
     "INSERT INTO rsvp_row SELECT id, coalesce(json_extract(data, '$.status'), '')\n"
     "  FROM entity WHERE kind = 'rsvp';\n"
     "INSERT INTO booking_row SELECT id, coalesce(json_extract(data, '$.room_id'), ''),\n"
     "  coalesce(json_extract(data, '$.building_id'), ''),\n"
     "  coalesce(json_extract(data, '$.start_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.end_ms'), coalesce(json_extract(data, '$.start_ms'), 0) +\n"
     "    3600000 * coalesce(json_extract(data, '$.hours'), 1)),\n"
     "  coalesce(json_extract(data, '$.status'), 'pending'),\n"
     "  coalesce(json_extract(data, '$.paid_by'), json_extract(data, '$.pay'), 'credits'),\n"
     "  coalesce(json_extract(data, '$.credits'), 0),\n"
     "  coalesce(json_extract(data, '$.amount_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.order_id'), ''),\n"
     "  coalesce(json_extract(data, '$.key_id'), ''),\n"
     "  coalesce(json_array_length(data, '$.guests'), 0) FROM entity WHERE kind = 'reservation';\n"
     "INSERT INTO booking_guest_row SELECT e.id, g.key, coalesce(json_extract(g.value, '$.name'), "
     "''),\n"
     "  coalesce(json_extract(g.value, '$.email'), ''),\n"
     "  coalesce(json_extract(g.value, '$.credential_id'), '')\n"
     "  FROM entity e, json_each(e.data, '$.guests') g WHERE e.kind = 'reservation';\n"
     "INSERT INTO credit_line_row SELECT id, coalesce(json_extract(data, '$.company_id'), ''),\n"
     "  coalesce(json_extract(data, '$.delta'), 0),\n"
     "  coalesce(json_extract(data, '$.balance_after'), 0),\n"
     "  coalesce(json_extract(data, '$.reason'), ''),\n"
     "  coalesce(json_extract(data, '$.reservation_id'), ''),\n"
     "  coalesce(json_extract(data, '$.at_ms'), 0) FROM entity WHERE kind = 'credit_ledger';\n"
     "INSERT INTO invoice_row SELECT id, coalesce(json_extract(data, '$.number'), ''),\n"
     "  coalesce(json_extract(data, '$.status'), ''),\n"
     "  coalesce(json_extract(data, '$.subtotal_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.discount_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.gst_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.total_paise'), 0),\n"
     "  coalesce(json_extract(data, '$.issued_at_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.due_at_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.paid_at_ms'), 0),\n"
     "  coalesce(json_array_length(data, '$.lines'), 0) FROM entity WHERE kind = 'invoice';\n"
     "INSERT INTO invoice_line_row SELECT e.id, l.key,\n"
     "  coalesce(json_extract(l.value, '$.description'), ''),\n"
     "  coalesce(json_extract(l.value, '$.quantity'), 0),\n"
     "  coalesce(json_extract(l.value, '$.unit_paise'), 0),\n"
     "  coalesce(json_extract(l.value, '$.amount_paise'), 0)\n"
     "  FROM entity e, json_each(e.data, '$.lines') l WHERE e.kind = 'invoice';\n"
     "INSERT INTO pass_row SELECT id, coalesce(json_extract(data, '$.building_id'), ''),\n"
     "  coalesce(json_extract(data, '$.date'), ''),\n"
     "  coalesce(json_extract(data, '$.holder.name'), ''),\n"
     "  coalesce(json_extract(data, '$.holder.email'), ''),\n"
     "  coalesce(json_extract(data, '$.status'), ''),\n"
     "  coalesce(json_extract(data, '$.invoice_id'), ''),\n"
     "  coalesce(json_extract(data, '$.credential_id'), '') FROM entity WHERE kind = 'pass';\n"
     "INSERT INTO credential_row SELECT id, coalesce(json_extract(data, '$.kind'), ''),\n"
     "  coalesce(json_extract(data, '$.building_id'), ''),\n"
     "  coalesce(json_extract(data, '$.valid_from_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.valid_until_ms'), 0),\n"
     "  coalesce(json_extract(data, '$.pass_id'), ''),\n"
     "  coalesce(json_extract(data, '$.reservation_id'), '') FROM entity WHERE kind = "
     "'credential';\n"},
    {6,
     "money and buildings: the currency (ISO 4217) of every kept amount, the tax an invoice "
     "applied, the building of invoices, notifications and credit lines (backfilled; amounts "
     "synced before were rupees)",
     "ALTER TABLE invoice_row ADD COLUMN building_id TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE invoice_row ADD COLUMN currency TEXT NOT NULL DEFAULT 'INR';\n"
     "ALTER TABLE invoice_row ADD COLUMN tax_name TEXT NOT NULL DEFAULT 'GST';\n"
     "ALTER TABLE invoice_row ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 1800;\n"
     "ALTER TABLE notification_row ADD COLUMN building_id TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE credit_line_row ADD COLUMN building_id TEXT NOT NULL DEFAULT '';\n"
     "ALTER TABLE booking_row ADD COLUMN currency TEXT NOT NULL DEFAULT 'INR';\n"
     "ALTER TABLE room_index ADD COLUMN currency TEXT NOT NULL DEFAULT 'INR';\n"
     "ALTER TABLE account ADD COLUMN budget_currency TEXT NOT NULL DEFAULT 'INR';\n"
     "-- covering again: a building's rooms, their prices' currency included\n"
     "DROP INDEX room_index_by_building;\n"
     "CREATE INDEX room_index_by_building ON room_index (building_id, id, capacity, name,\n"
     "  amenities, price_per_hour_paise, currency, credits_per_hour, blackouts);\n"
     "UPDATE invoice_row SET\n"
     "  building_id = coalesce((SELECT json_extract(e.data, '$.building_id') FROM entity e\n"
     "    WHERE e.kind = 'invoice' AND e.id = invoice_row.id), ''),\n"
     "  currency = coalesce((SELECT json_extract(e.data, '$.currency') FROM entity e\n"
     "    WHERE e.kind = 'invoice' AND e.id = invoice_row.id), 'INR'),\n"
     "  tax_name = coalesce((SELECT json_extract(e.data, '$.tax.name') FROM entity e\n"
     "    WHERE e.kind = 'invoice' AND e.id = invoice_row.id), 'GST'),\n"
     "  tax_rate_bp = coalesce((SELECT json_extract(e.data, '$.tax.rate_bp') FROM entity e\n"
     "    WHERE e.kind = 'invoice' AND e.id = invoice_row.id), 1800);\n"
     "UPDATE notification_row SET building_id = coalesce((SELECT json_extract(e.data,\n"
     "  '$.building_id') FROM entity e WHERE e.kind = 'notification' AND e.id =\n"
     "  notification_row.id), '');\n"
     "UPDATE credit_line_row SET building_id = coalesce((SELECT json_extract(e.data,\n"
     "  '$.building_id') FROM entity e WHERE e.kind = 'credit_ledger' AND e.id =\n"
     "  credit_line_row.id), '');\n"
     "UPDATE booking_row SET currency = coalesce((SELECT json_extract(e.data, '$.currency')\n"
     "  FROM entity e WHERE e.kind = 'reservation' AND e.id = booking_row.id), 'INR');\n"
     "UPDATE room_index SET currency = coalesce((SELECT json_extract(e.data, '$.currency')\n"
     "  FROM entity e WHERE e.kind = 'room' AND e.id = room_index.id), 'INR');\n"},
};
const size_t mci_store_migration_count = sizeof mci_store_migrations / sizeof *mci_store_migrations;

int mci_schema_version(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

static mc_status apply_step(sqlite3 *db, const mci_migration *step, mc_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK) {
        mci_error_set(err, MC_ERR_STORAGE, "migration %d (%s): cannot begin: %s", step->version,
                      step->description, msg ? msg : "unknown error");
        sqlite3_free(msg);
        return MC_ERR_STORAGE;
    }
    char bump[64];
    snprintf(bump, sizeof bump, "PRAGMA user_version = %d", step->version);
    if (sqlite3_exec(db, step->sql, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, bump, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
        mci_error_set(err, MC_ERR_STORAGE, "migration %d (%s) failed: %s", step->version,
                      step->description, msg ? msg : "unknown error");
        sqlite3_free(msg);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return MC_ERR_STORAGE;
    }
    return MC_OK;
}

mc_status mci_migrate(sqlite3 *db, const mci_migration *steps, size_t count, mc_error *err)
{
    int target = count > 0 ? steps[count - 1].version : 0;
    int current = mci_schema_version(db);
    if (current < 0)
        return mci_error_set(err, MC_ERR_STORAGE, "cannot read the store's schema version: %s",
                             sqlite3_errmsg(db));
    if (current > target)
        return mci_error_set(err, MC_ERR_STORAGE,
                             "the store has schema version %d, newer than this library's %d: "
                             "it was written by a newer membercore; refusing to open it",
                             current, target);
    for (size_t i = 0; i < count; i++) {
        if (steps[i].version <= current)
            continue;
        mc_status st = apply_step(db, &steps[i], err);
        if (st != MC_OK)
            return st;
    }
    return MC_OK;
}
