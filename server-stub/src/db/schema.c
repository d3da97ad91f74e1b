/* db/schema.c - the server database's schema: the SQL of each version, in order, nothing else.
 *
 * Kept as C string constants (not a .sql file embedded by the build) because a migration
 * step is frozen once shipped and each is applied as one exec: one constant per version,
 * compiled in, needs no generator step and no file to find at run time; the SQL still
 * reads top to bottom here, apart from the code that runs it (db/db.c). */
#include "db/schema.h"

/*
 * Version 1: accounts and sign-in (DOMAIN.md section 1) plus the catalogue the
 * seed fills (buildings, rooms, companies, open space, events, ticket
 * categories). Later versions append entries to ms_schema_steps below; an
 * existing database is migrated forward, never rebuilt.
 */
static const char schema_v1[] =
    /* Server secrets, e.g. the key OTP hashes are keyed with. */
    "CREATE TABLE secrets ("
    "  name TEXT PRIMARY KEY,"
    "  value BLOB NOT NULL);"

    "CREATE TABLE buildings ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  city TEXT NOT NULL,"
    "  timezone TEXT NOT NULL);"
    /* Opening hours per ISO weekday (1 = Monday .. 7 = Sunday), minutes after
     * local midnight; a day without a row is closed; 0-1440 is 24 hours. */
    "CREATE TABLE building_hours ("
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
    "  open_min INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1440),"
    "  close_min INTEGER NOT NULL CHECK (close_min BETWEEN 0 AND 1440),"
    "  CHECK (open_min < close_min),"
    "  PRIMARY KEY (building_id, weekday));"
    "CREATE TABLE rooms ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  name TEXT NOT NULL,"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0),"
    "  price_per_hour_paise INTEGER NOT NULL CHECK (price_per_hour_paise >= 0),"
    "  credits_per_hour INTEGER NOT NULL CHECK (credits_per_hour >= 0));"
    "CREATE TABLE room_amenities ("
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  amenity TEXT NOT NULL,"
    "  PRIMARY KEY (room_id, amenity));"
    "CREATE TABLE open_space ("
    "  building_id TEXT PRIMARY KEY REFERENCES buildings(id),"
    "  day_pass_price_paise INTEGER NOT NULL CHECK (day_pass_price_paise > 0),"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0));"
    "CREATE TABLE pass_bundle_tiers ("
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  passes INTEGER NOT NULL CHECK (passes > 0),"
    "  discount_percent INTEGER NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),"
    "  PRIMARY KEY (building_id, passes));"
    "CREATE TABLE companies ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  monthly_credits INTEGER NOT NULL CHECK (monthly_credits >= 0));"
    "CREATE TABLE events ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  title TEXT NOT NULL,"
    "  starts_at_ms INTEGER NOT NULL,"
    "  ends_at_ms INTEGER NOT NULL,"
    "  capacity INTEGER NOT NULL CHECK (capacity > 0),"
    "  CHECK (starts_at_ms < ends_at_ms));"
    /* Two levels: a root has no parent and no SLA; a leaf has both. */
    "CREATE TABLE ticket_categories ("
    "  id TEXT PRIMARY KEY,"
    "  parent_id TEXT REFERENCES ticket_categories(id),"
    "  name TEXT NOT NULL,"
    "  sla_minutes INTEGER,"
    "  CHECK ((parent_id IS NULL) = (sla_minutes IS NULL)),"
    "  CHECK (sla_minutes IS NULL OR sla_minutes > 0));"

    "CREATE TABLE users ("
    "  id TEXT PRIMARY KEY,"
    "  phone TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL DEFAULT '',"
    "  email TEXT NOT NULL DEFAULT '',"
    "  company TEXT NOT NULL DEFAULT '',"
    "  city TEXT NOT NULL DEFAULT '',"
    "  profile_complete INTEGER NOT NULL DEFAULT 0 CHECK (profile_complete IN (0, 1)),"
    "  created_at_ms INTEGER NOT NULL,"
    "  updated_at_ms INTEGER NOT NULL);"
    "CREATE TABLE user_roles ("
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  role TEXT NOT NULL CHECK (role IN ('lead', 'ondemanduser', 'member', 'staff')),"
    "  PRIMARY KEY (user_id, role));"
    "CREATE TABLE memberships ("
    "  user_id TEXT PRIMARY KEY REFERENCES users(id),"
    "  company_id TEXT NOT NULL REFERENCES companies(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  plan TEXT NOT NULL CHECK (plan IN ('private_cabin', 'dedicated_desk')),"
    "  seat TEXT NOT NULL);"
    /* The CRM lead created when a non-member first completes the profile. */
    "CREATE TABLE leads ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL UNIQUE REFERENCES users(id),"
    "  status TEXT NOT NULL DEFAULT 'new',"
    "  intent TEXT NOT NULL DEFAULT 'none'"
    "    CHECK (intent IN ('none', 'on_demand', 'private_office', 'virtual_office')),"
    "  industry TEXT NOT NULL DEFAULT '',"
    "  employees INTEGER NOT NULL DEFAULT 0,"
    "  timeline TEXT NOT NULL DEFAULT '',"
    "  budget_paise INTEGER NOT NULL DEFAULT 0,"
    "  created_at_ms INTEGER NOT NULL,"
    "  updated_at_ms INTEGER NOT NULL);"

    /* The latest code per phone, only as a keyed hash (never in clear). */
    "CREATE TABLE otps ("
    "  phone TEXT PRIMARY KEY,"
    "  code_hmac BLOB NOT NULL CHECK (length(code_hmac) = 32),"
    "  issued_at_ms INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  consumed_at_ms INTEGER);"
    /* When codes were sent, for the cooldown and the hourly cap. */
    "CREATE TABLE otp_issues ("
    "  phone TEXT NOT NULL,"
    "  issued_at_ms INTEGER NOT NULL);"
    "CREATE INDEX otp_issues_by_phone ON otp_issues (phone, issued_at_ms);"
    /* The simulated SMS gateway: every text sent, with its code. */
    "CREATE TABLE sms_outbox ("
    "  id INTEGER PRIMARY KEY,"
    "  phone TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  sent_at_ms INTEGER NOT NULL);"
    "CREATE INDEX sms_outbox_by_phone ON sms_outbox (phone, id);"
    /* Sessions by the SHA-256 of their token (the token itself is never stored). */
    "CREATE TABLE sessions ("
    "  token_sha256 BLOB PRIMARY KEY CHECK (length(token_sha256) = 32),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  issued_at_ms INTEGER NOT NULL,"
    "  expires_at_ms INTEGER NOT NULL,"
    "  revoked_at_ms INTEGER);";

/*
 * Version 2: offline-first sync (docs/sync-protocol.md). The entities members
 * sync (reservations, RSVPs, notifications; event descriptions, company credit
 * balances), the change log every write to a synced entity appends to in the
 * same transaction, the dataset epoch and compaction point, the stored result
 * of every pushed mutation, and the effect log the exactly-once check reads.
 */
static const char schema_v2[] =
    "ALTER TABLE events ADD COLUMN description TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE companies ADD COLUMN credit_balance INTEGER NOT NULL DEFAULT 0"
    "  CHECK (credit_balance >= 0);"

    "CREATE TABLE reservations ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),"
    "  paid_by TEXT NOT NULL CHECK (paid_by IN ('credits', 'razorpay')),"
    "  CHECK (start_ms < end_ms));"
    "CREATE INDEX reservations_by_user ON reservations (user_id, id);"
    "CREATE TABLE rsvps ("
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  event_id TEXT NOT NULL REFERENCES events(id),"
    "  status TEXT NOT NULL CHECK (status IN ('going', 'not_going')),"
    "  updated_at_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (user_id, event_id));"
    "CREATE INDEX rsvps_by_event ON rsvps (event_id, status);"
    "CREATE TABLE notifications ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  category TEXT NOT NULL"
    "    CHECK (category IN ('billing', 'support', 'bookings', 'events', 'announcements')),"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  created_at_ms INTEGER NOT NULL,"
    "  is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),"
    "  deep_link TEXT);"
    "CREATE INDEX notifications_by_user ON notifications (user_id, id);"

    /* One row: the dataset epoch (cursors name it) and the lowest change
     * sequence a cursor may still name (raised by compaction). */
    "CREATE TABLE sync_state ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  epoch TEXT NOT NULL,"
    "  min_seq INTEGER NOT NULL DEFAULT 0);"
    /* The change log. scope: '*' everyone, 'c:<company>' its members,
     * 'u:<user>' that user. data: the entity's data object (JSON) for an
     * upsert, NULL for a delete. */
    "CREATE TABLE changes ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  scope TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  entity_id TEXT NOT NULL,"
    "  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),"
    "  data TEXT,"
    "  CHECK ((op = 'upsert') = (data IS NOT NULL)));"
    /* The stored result of every processed mutation, applied or rejected;
     * commit_seq is the change-log head when its transaction committed. */
    "CREATE TABLE mutations ("
    "  idempotency_key TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  client_id TEXT NOT NULL,"
    "  mutation_id INTEGER NOT NULL CHECK (mutation_id > 0),"
    "  kind TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),"
    "  code TEXT,"
    "  message TEXT,"
    "  commit_seq INTEGER NOT NULL,"
    "  processed_at_ms INTEGER NOT NULL,"
    "  UNIQUE (user_id, client_id, mutation_id));"
    /* One row per time an effect was really applied: deliberately no unique
     * constraint, so a double application would show as a count of 2. */
    "CREATE TABLE effect_log ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id TEXT NOT NULL,"
    "  client_id TEXT NOT NULL,"
    "  mutation_id INTEGER NOT NULL,"
    "  idempotency_key TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  applied_at_ms INTEGER NOT NULL);"
    "CREATE INDEX effect_log_by_client ON effect_log (client_id);";

/*
 * Version 3: the devices' push tokens (mutation kind device.push_token), one
 * per (user, client install), replaced when the OS rotates it.
 */
static const char schema_v3[] = "CREATE TABLE push_tokens ("
                                "  user_id       TEXT NOT NULL REFERENCES users(id),"
                                "  client_id     TEXT NOT NULL,"
                                "  provider      TEXT NOT NULL CHECK (provider IN ('fcm', 'apns')),"
                                "  token         TEXT NOT NULL,"
                                "  updated_at_ms INTEGER NOT NULL,"
                                "  PRIMARY KEY (user_id, client_id)"
                                ");";

/*
 * Version 4: meeting rooms (docs/rooms-protocol.md). Booking settings, time
 * zone coverage and blackouts of buildings and rooms; reservations rebuilt
 * (SQLite cannot change a CHECK) with the status "pending_payment", credits,
 * amount, order, creation time and hold expiry; their guests; room_busy (what
 * everyone sees of a booking or hold) and its blocks, whose primary key is
 * the exclusion check that no two holds share a room block; the company credit
 * ledger and month; Razorpay orders; guest access credentials; the simulated
 * email outbox.
 */
static const char schema_v4[] =
    "ALTER TABLE buildings ADD COLUMN booking_window_days INTEGER NOT NULL DEFAULT 30"
    "  CHECK (booking_window_days >= 0);"
    "ALTER TABLE buildings ADD COLUMN min_notice_min INTEGER NOT NULL DEFAULT 15"
    "  CHECK (min_notice_min >= 0);"
    "ALTER TABLE buildings ADD COLUMN cancel_cutoff_min INTEGER NOT NULL DEFAULT 120"
    "  CHECK (cancel_cutoff_min >= 0);"
    /* The UTC year building.zone.transitions were last generated around (0: never);
     * upkeep.c moves it with the server clock and logs the building again. */
    "ALTER TABLE buildings ADD COLUMN zone_year INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE building_blackouts ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  CHECK (start_ms < end_ms));"
    "CREATE INDEX building_blackouts_by_building ON building_blackouts (building_id, start_ms);"
    "CREATE TABLE room_blackouts ("
    "  id TEXT PRIMARY KEY,"
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  CHECK (start_ms < end_ms));"
    "CREATE INDEX room_blackouts_by_room ON room_blackouts (room_id, start_ms);"

    /* The building-local month ("YYYY-MM") the balance belongs to. */
    "ALTER TABLE companies ADD COLUMN credit_month TEXT NOT NULL DEFAULT '';"
    /* seq orders the lines; id is 'led_' and seq zero-padded, so ids sort the same way. */
    "CREATE TABLE credit_ledger ("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  company_id TEXT NOT NULL REFERENCES companies(id),"
    "  delta INTEGER NOT NULL,"
    "  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),"
    "  reason TEXT NOT NULL CHECK (reason IN ('monthly_reset', 'booking', 'refund')),"
    "  reservation_id TEXT,"
    "  at_ms INTEGER NOT NULL,"
    "  CHECK ((reason = 'monthly_reset') = (reservation_id IS NULL)));"
    "CREATE INDEX credit_ledger_by_company ON credit_ledger (company_id, id);"

    "CREATE TABLE reservations_v4 ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('pending_payment', 'confirmed', 'cancelled')),"
    "  paid_by TEXT NOT NULL CHECK (paid_by IN ('credits', 'razorpay')),"
    "  credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),"
    "  amount_paise INTEGER NOT NULL DEFAULT 0 CHECK (amount_paise >= 0),"
    "  order_id TEXT,"
    "  created_at_ms INTEGER NOT NULL,"
    /* pending_payment only: when the hold lapses. */
    "  hold_expires_at_ms INTEGER,"
    "  cancelled_at_ms INTEGER,"
    "  CHECK (start_ms < end_ms),"
    "  CHECK ((status = 'pending_payment') = (hold_expires_at_ms IS NOT NULL)));"
    "INSERT INTO reservations_v4 (id, user_id, room_id, building_id, start_ms, end_ms, status,"
    " paid_by, created_at_ms)"
    " SELECT id, user_id, room_id, building_id, start_ms, end_ms,"
    " CASE status WHEN 'pending' THEN 'cancelled' ELSE status END, paid_by, start_ms"
    " FROM reservations;"
    "DROP TABLE reservations;"
    "ALTER TABLE reservations_v4 RENAME TO reservations;"
    "CREATE INDEX reservations_by_user ON reservations (user_id, id);"
    "CREATE INDEX reservations_holds ON reservations (hold_expires_at_ms)"
    "  WHERE hold_expires_at_ms IS NOT NULL;"
    "CREATE TABLE reservation_guests ("
    "  reservation_id TEXT NOT NULL REFERENCES reservations(id),"
    "  position INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  credential_id TEXT,"
    "  PRIMARY KEY (reservation_id, position));"

    /* What everyone sees of a confirmed booking or a live hold: no holder. */
    "CREATE TABLE room_busy ("
    "  id TEXT PRIMARY KEY,"
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  reservation_id TEXT NOT NULL UNIQUE REFERENCES reservations(id),"
    "  start_ms INTEGER NOT NULL,"
    "  end_ms INTEGER NOT NULL,"
    "  CHECK (start_ms < end_ms));"
    "CREATE INDEX room_busy_by_room ON room_busy (room_id, start_ms);"
    /* One row per held 60-minute block. Blocks of a room start on its building's
     * local hours, so two holds overlap exactly when they share a block start:
     * the primary key refuses a second holder even if a check were missed. */
    "CREATE TABLE room_busy_blocks ("
    "  room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  block_start_ms INTEGER NOT NULL,"
    "  busy_id TEXT NOT NULL REFERENCES room_busy(id),"
    "  PRIMARY KEY (room_id, block_start_ms));"
    "CREATE INDEX room_busy_blocks_by_busy ON room_busy_blocks (busy_id);"

    "CREATE TABLE razorpay_orders ("
    "  id TEXT PRIMARY KEY,"
    "  reservation_id TEXT NOT NULL UNIQUE REFERENCES reservations(id),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),"
    "  currency TEXT NOT NULL DEFAULT 'INR',"
    "  status TEXT NOT NULL CHECK (status IN ('created', 'paid')),"
    "  payment_id TEXT,"
    "  created_at_ms INTEGER NOT NULL,"
    "  paid_at_ms INTEGER,"
    "  CHECK ((status = 'paid') = (payment_id IS NOT NULL)));"

    /* An access credential (issue 6 shows it as a QR code): who, when, and a
     * random secret the door reader checks. */
    "CREATE TABLE guest_credentials ("
    "  id TEXT PRIMARY KEY,"
    "  reservation_id TEXT NOT NULL REFERENCES reservations(id),"
    "  guest_email TEXT NOT NULL,"
    "  valid_from_ms INTEGER NOT NULL,"
    "  valid_until_ms INTEGER NOT NULL,"
    "  secret TEXT NOT NULL,"
    "  issued_at_ms INTEGER NOT NULL,"
    "  revoked_at_ms INTEGER,"
    "  CHECK (valid_from_ms < valid_until_ms));"
    "CREATE INDEX guest_credentials_by_reservation ON guest_credentials (reservation_id);"
    /* The simulated email gateway: every message sent. */
    "CREATE TABLE emails ("
    "  id INTEGER PRIMARY KEY,"
    "  to_addr TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  credential_id TEXT,"
    "  valid_from_ms INTEGER,"
    "  valid_until_ms INTEGER,"
    "  sent_at_ms INTEGER NOT NULL);"
    "CREATE INDEX emails_by_to ON emails (to_addr COLLATE NOCASE, id);";

/*
 * Version 5: day passes, invoices and access QR codes (docs/passes-protocol.md).
 * Membership plans get a status and contract dates; invoices (billed to a
 * user, or to a company whose members all see it) with their lines and the
 * numbering; passes, whose partial unique index is the rule "one pass per
 * person per building per date" among held and active ones; access
 * credentials for passes and booking guests in one table (secrets as 32-byte
 * blobs; the version 4 guest_credentials move here, see
 * ms_credentials_migrate_v5); Razorpay orders rebuilt to pay either a
 * reservation or an invoice, by the app's confirmation or by the webhook;
 * webhook events seen (de-duplication); the test-mode door's scans, whose
 * partial unique index refuses a second entry on one (credential, step); the
 * payload an email carries.
 */
static const char schema_v5[] =
    "ALTER TABLE memberships ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
    "  CHECK (status IN ('active', 'none'));"
    "ALTER TABLE memberships ADD COLUMN contract_start TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE memberships ADD COLUMN contract_end TEXT NOT NULL DEFAULT '';"

    "CREATE TABLE invoices ("
    "  id TEXT PRIMARY KEY,"
    /* Given when the invoice is issued or paid; NULL while a draft (or voided as one). */
    "  number TEXT UNIQUE,"
    "  user_id TEXT REFERENCES users(id),"
    "  company_id TEXT REFERENCES companies(id),"
    "  status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'paid', 'overdue', 'void')),"
    "  subtotal_paise INTEGER NOT NULL CHECK (subtotal_paise >= 0),"
    "  discount_paise INTEGER NOT NULL CHECK (discount_paise >= 0),"
    "  gst_paise INTEGER NOT NULL CHECK (gst_paise >= 0),"
    "  total_paise INTEGER NOT NULL CHECK (total_paise >= 0),"
    "  order_id TEXT,"
    /* A pass checkout's: the client's id (idempotency) and the building. */
    "  checkout_id TEXT,"
    "  building_id TEXT REFERENCES buildings(id),"
    "  created_at_ms INTEGER NOT NULL,"
    "  issued_at_ms INTEGER,"
    "  due_at_ms INTEGER,"
    "  paid_at_ms INTEGER,"
    "  hold_expires_at_ms INTEGER,"
    "  voided_at_ms INTEGER,"
    "  CHECK ((user_id IS NULL) <> (company_id IS NULL)),"
    "  CHECK ((status = 'draft') = (hold_expires_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'paid') = (paid_at_ms IS NOT NULL)),"
    "  CHECK (total_paise = subtotal_paise - discount_paise + gst_paise),"
    "  UNIQUE (user_id, checkout_id));"
    "CREATE INDEX invoices_by_user ON invoices (user_id, id) WHERE user_id IS NOT NULL;"
    "CREATE INDEX invoices_by_company ON invoices (company_id, id) WHERE company_id IS NOT NULL;"
    "CREATE INDEX invoices_holds ON invoices (hold_expires_at_ms)"
    "  WHERE hold_expires_at_ms IS NOT NULL;"
    "CREATE INDEX invoices_due ON invoices (due_at_ms) WHERE status = 'issued';"
    "CREATE TABLE invoice_lines ("
    "  invoice_id TEXT NOT NULL REFERENCES invoices(id),"
    "  position INTEGER NOT NULL,"
    "  description TEXT NOT NULL,"
    "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
    "  unit_paise INTEGER NOT NULL CHECK (unit_paise >= 0),"
    "  amount_paise INTEGER NOT NULL,"
    "  CHECK (amount_paise = quantity * unit_paise),"
    "  PRIMARY KEY (invoice_id, position));"
    /* The last number given per year: INV-<year>-<4 digits>. */
    "CREATE TABLE invoice_numbers ("
    "  year INTEGER PRIMARY KEY,"
    "  last INTEGER NOT NULL CHECK (last >= 0));"

    "CREATE TABLE passes ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  date TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    /* NULL for the buyer's own pass ("self"). */
    "  guest_name TEXT,"
    "  guest_email TEXT,"
    /* Who holds it: the lower-cased email of the guest, or of the buyer for "self". */
    "  person TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('held', 'active', 'released')),"
    "  invoice_id TEXT NOT NULL REFERENCES invoices(id),"
    "  credential_id TEXT,"
    "  created_at_ms INTEGER NOT NULL,"
    "  released_at_ms INTEGER,"
    "  CHECK ((guest_name IS NULL) = (guest_email IS NULL)));"
    "CREATE UNIQUE INDEX passes_one_per_person ON passes (building_id, date, person)"
    "  WHERE status IN ('held', 'active');"
    "CREATE INDEX passes_seats ON passes (building_id, date, status);"
    "CREATE INDEX passes_by_user ON passes (user_id, id);"
    "CREATE INDEX passes_by_invoice ON passes (invoice_id, position);"

    "CREATE TABLE credentials ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('pass', 'booking_guest')),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    /* An account holds it (synced, rotating codes) or a guest's email does (static code). */
    "  holder_user_id TEXT REFERENCES users(id),"
    "  guest_email TEXT,"
    "  pass_id TEXT REFERENCES passes(id),"
    "  reservation_id TEXT REFERENCES reservations(id),"
    "  valid_from_ms INTEGER NOT NULL,"
    "  valid_until_ms INTEGER NOT NULL,"
    "  secret BLOB NOT NULL CHECK (length(secret) = 32),"
    "  issued_at_ms INTEGER NOT NULL,"
    "  revoked_at_ms INTEGER,"
    "  CHECK ((holder_user_id IS NULL) <> (guest_email IS NULL)),"
    "  CHECK ((kind = 'pass') = (pass_id IS NOT NULL)),"
    "  CHECK ((kind = 'booking_guest') = (reservation_id IS NOT NULL)),"
    "  CHECK (valid_from_ms < valid_until_ms));"
    "CREATE INDEX credentials_by_holder ON credentials (holder_user_id, id)"
    "  WHERE holder_user_id IS NOT NULL;"
    "CREATE INDEX credentials_by_reservation ON credentials (reservation_id)"
    "  WHERE reservation_id IS NOT NULL;"

    "CREATE TABLE razorpay_orders_v5 ("
    "  id TEXT PRIMARY KEY,"
    "  reservation_id TEXT UNIQUE REFERENCES reservations(id),"
    "  invoice_id TEXT REFERENCES invoices(id),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),"
    "  currency TEXT NOT NULL DEFAULT 'INR',"
    "  status TEXT NOT NULL CHECK (status IN ('created', 'paid')),"
    /* NULL when the webhook paid it without naming the payment. */
    "  payment_id TEXT,"
    "  paid_via TEXT CHECK (paid_via IN ('confirm', 'webhook')),"
    "  created_at_ms INTEGER NOT NULL,"
    "  paid_at_ms INTEGER,"
    "  CHECK ((reservation_id IS NULL) <> (invoice_id IS NULL)),"
    "  CHECK ((status = 'paid') = (paid_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'paid') = (paid_via IS NOT NULL)));"
    "INSERT INTO razorpay_orders_v5 (id, reservation_id, user_id, amount_paise, currency, status,"
    " payment_id, paid_via, created_at_ms, paid_at_ms)"
    " SELECT id, reservation_id, user_id, amount_paise, currency, status, payment_id,"
    " CASE status WHEN 'paid' THEN 'confirm' END, created_at_ms,"
    " CASE status WHEN 'paid' THEN coalesce(paid_at_ms, created_at_ms) END"
    " FROM razorpay_orders;"
    "DROP TABLE razorpay_orders;"
    "ALTER TABLE razorpay_orders_v5 RENAME TO razorpay_orders;"
    "CREATE INDEX razorpay_orders_by_invoice ON razorpay_orders (invoice_id, status)"
    "  WHERE invoice_id IS NOT NULL;"
    /* Every webhook event handled, by Razorpay's X-Razorpay-Event-Id. */
    "CREATE TABLE webhook_events ("
    "  event_id TEXT PRIMARY KEY,"
    "  event TEXT NOT NULL,"
    "  order_id TEXT,"
    "  outcome TEXT NOT NULL,"
    "  received_at_ms INTEGER NOT NULL);"

    /* The test-mode door: every scan; step -1 is a guest's static payload. */
    "CREATE TABLE door_scans ("
    "  id INTEGER PRIMARY KEY,"
    "  building_id TEXT NOT NULL,"
    "  credential_id TEXT,"
    "  step INTEGER,"
    "  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),"
    "  reason TEXT,"
    "  at_ms INTEGER NOT NULL,"
    "  CHECK ((granted = 1) = (reason IS NULL)));"
    "CREATE UNIQUE INDEX door_scans_once ON door_scans (credential_id, step) WHERE granted = 1;"

    "ALTER TABLE emails ADD COLUMN payload TEXT;";

/*
 * Version 6: the door's anti-passback (docs/passes-protocol.md, "The test
 * door"). A scan has a direction, `in` or `out` (earlier scans were all
 * entries); a granted scan no longer uses its (credential, step) up: a
 * rotating code is refused only when it already went through in the same
 * direction, and a guest's static code opens as often as its holder goes
 * in and out. An email keeps the PNG of the QR code it carries.
 */
static const char schema_v6[] =
    "ALTER TABLE door_scans ADD COLUMN direction TEXT NOT NULL DEFAULT 'in'"
    "  CHECK (direction IN ('in', 'out'));"
    "DROP INDEX door_scans_once;"
    "CREATE UNIQUE INDEX door_scans_code_once ON door_scans (credential_id, step, direction)"
    "  WHERE granted = 1 AND step >= 0;"
    "CREATE INDEX door_scans_granted ON door_scans (credential_id, id) WHERE granted = 1;"

    "ALTER TABLE emails ADD COLUMN qr_png BLOB;";

/*
 * Version 7: money in the building's currency (docs/sync-protocol.md, "Money on the wire").
 * A building has its ISO 4217 currency and its tax rule (name, rate in basis points);
 * every amount of the building is in that currency's minor unit. An invoice is in its
 * building's money (a pass checkout's building, else its company's, else its member's;
 * rupees and GST when none): the view invoice_money says which, so nothing that writes
 * an invoice names a currency. A notification may belong to a building; a lead's budget keeps its
 * currency.
 */
static const char schema_v7[] =
    "ALTER TABLE buildings ADD COLUMN currency TEXT NOT NULL DEFAULT 'INR'"
    "  CHECK (length(currency) = 3 AND currency = upper(currency));"
    "ALTER TABLE buildings ADD COLUMN tax_name TEXT NOT NULL DEFAULT 'GST';"
    "ALTER TABLE buildings ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 1800"
    "  CHECK (tax_rate_bp BETWEEN 0 AND 10000);"
    "ALTER TABLE notifications ADD COLUMN building_id TEXT REFERENCES buildings(id);"
    "ALTER TABLE leads ADD COLUMN budget_currency TEXT NOT NULL DEFAULT 'INR';"
    "CREATE VIEW invoice_money AS"
    " SELECT i.id AS invoice_id, coalesce(b.id, '') AS building_id,"
    " coalesce(b.currency, 'INR') AS currency, coalesce(b.tax_name, 'GST') AS tax_name,"
    " coalesce(b.tax_rate_bp, 1800) AS tax_rate_bp"
    " FROM invoices i LEFT JOIN companies c ON c.id = i.company_id"
    " LEFT JOIN memberships m ON m.user_id = i.user_id"
    " LEFT JOIN buildings b ON b.id = coalesce(i.building_id, c.building_id, m.building_id);";

/*
 * Version 8: invoices as a member reads them (issue 10, docs/passes-protocol.md "Numbering",
 * "Refunds"). Why a reservation was cancelled; why an invoice became void (a checkout whose hold
 * lapsed: 'hold_expired'); the room booking an invoice bills (a Razorpay room payment gets an
 * invoice, like a day pass); refunds: a payment the server took for something already paid (a stale
 * order of an invoice someone else paid first) is recorded here, owed back to its payer, never kept
 * in silence.
 */
static const char schema_v8[] =
    "ALTER TABLE invoices ADD COLUMN void_reason TEXT"
    "  CHECK (void_reason IN ('hold_expired'));"
    "UPDATE invoices SET void_reason = 'hold_expired' WHERE status = 'void'"
    "  AND checkout_id IS NOT NULL;"
    "ALTER TABLE invoices ADD COLUMN reservation_id TEXT REFERENCES reservations(id);"
    "CREATE UNIQUE INDEX invoices_by_reservation ON invoices (reservation_id)"
    "  WHERE reservation_id IS NOT NULL;"
    /* Why a reservation was cancelled: by its member, or its Razorpay hold lapsed unpaid. */
    "ALTER TABLE reservations ADD COLUMN cancel_reason TEXT"
    "  CHECK (cancel_reason IN ('member', 'hold_expired'));"
    "UPDATE reservations SET cancel_reason = CASE WHEN paid_by = 'razorpay'"
    "  AND cancelled_at_ms = created_at_ms + 900000 AND NOT EXISTS (SELECT 1 FROM"
    "  razorpay_orders o WHERE o.id = reservations.order_id AND o.status = 'paid')"
    "  THEN 'hold_expired' ELSE 'member' END WHERE status = 'cancelled';"
    "CREATE TABLE refunds ("
    "  id TEXT PRIMARY KEY,"
    "  invoice_id TEXT NOT NULL REFERENCES invoices(id),"
    /* The paid order whose money goes back, once. */
    "  order_id TEXT NOT NULL UNIQUE REFERENCES razorpay_orders(id),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  amount_paise INTEGER NOT NULL CHECK (amount_paise > 0),"
    "  currency TEXT NOT NULL DEFAULT 'INR',"
    "  reason TEXT NOT NULL CHECK (reason IN ('already_paid')),"
    "  status TEXT NOT NULL CHECK (status IN ('pending', 'processed')),"
    "  created_at_ms INTEGER NOT NULL);"
    "CREATE INDEX refunds_by_invoice ON refunds (invoice_id, created_at_ms, id);";

/*
 * Version 9: facility tickets (issue 11, docs/tickets-protocol.md). Ticket categories gain their
 * siblings' order, the team a leaf routes to and its SLA targets (response and resolution minutes;
 * sla_minutes, kept for older readers, always equals resolution_min); the staff's buildings;
 * tickets with their per-building numbers (T-1001, ...), SLA instants (computed by rules/sla.h when
 * filed), timeline (including staff's internal notes, which never reach the member) and photos
 * declared by the mutation that carries them, whose bytes arrive later in chunks (the resumable
 * upload); every push a notification gave (one per registered push token).
 */
static const char schema_v9[] =
    "ALTER TABLE ticket_categories ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE ticket_categories ADD COLUMN team TEXT;"
    "ALTER TABLE ticket_categories ADD COLUMN response_min INTEGER"
    "  CHECK (response_min IS NULL OR response_min > 0);"
    "ALTER TABLE ticket_categories ADD COLUMN resolution_min INTEGER"
    "  CHECK (resolution_min IS NULL OR resolution_min > 0);"

    /* A staff member works the tickets of these buildings. */
    "CREATE TABLE staff_buildings ("
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  PRIMARY KEY (user_id, building_id));"
    "CREATE INDEX staff_buildings_by_building ON staff_buildings (building_id, user_id);"
    /* The last ticket number given per building: T-<last>, from T-1001. */
    "CREATE TABLE ticket_numbers ("
    "  building_id TEXT PRIMARY KEY REFERENCES buildings(id),"
    "  last INTEGER NOT NULL CHECK (last >= 1000));"

    "CREATE TABLE tickets ("
    "  id TEXT PRIMARY KEY,"
    "  number TEXT NOT NULL,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  category_id TEXT NOT NULL REFERENCES ticket_categories(id),"
    "  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
    "  description TEXT NOT NULL,"
    /* NULL, a room of the building (location_id its id), or a cabin or desk by name. */
    "  location_kind TEXT CHECK (location_kind IN ('room', 'cabin', 'desk')),"
    "  location_id TEXT REFERENCES rooms(id),"
    "  location_name TEXT,"
    "  status TEXT NOT NULL"
    "    CHECK (status IN ('open', 'assigned', 'in_progress', 'resolved', 'closed')),"
    "  assignee_id TEXT REFERENCES users(id),"
    "  created_at_ms INTEGER NOT NULL,"
    "  updated_at_ms INTEGER NOT NULL,"
    "  resolved_at_ms INTEGER,"
    "  closed_at_ms INTEGER,"
    "  response_due_ms INTEGER NOT NULL,"
    "  resolution_due_ms INTEGER NOT NULL,"
    "  at_risk_from_ms INTEGER NOT NULL,"
    "  responded_at_ms INTEGER,"
    "  outcome TEXT CHECK (outcome IN ('met', 'breached')),"
    "  UNIQUE (building_id, number),"
    "  CHECK ((location_kind IS NULL) = (location_name IS NULL)),"
    "  CHECK ((location_kind = 'room') = (location_id IS NOT NULL)),"
    "  CHECK ((status IN ('resolved', 'closed')) = (resolved_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'closed') = (closed_at_ms IS NOT NULL)),"
    "  CHECK ((status IN ('resolved', 'closed')) = (outcome IS NOT NULL)),"
    "  CHECK (status <> 'assigned' OR assignee_id IS NOT NULL),"
    "  CHECK (response_due_ms <= resolution_due_ms));"
    "CREATE INDEX tickets_by_user ON tickets (user_id, id);"
    "CREATE INDEX tickets_queue ON tickets (building_id, status, resolution_due_ms, created_at_ms);"
    "CREATE INDEX tickets_resolved ON tickets (resolved_at_ms) WHERE status = 'resolved';"
    /* The timeline. A comment's id is the client's (cmt_...); others are the server's. A note
     * (internal = 1) is staff-only; a photo entry names its photo (one per photo, ever). */
    "CREATE TABLE ticket_entries ("
    "  id TEXT PRIMARY KEY,"
    "  ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  at_ms INTEGER NOT NULL,"
    "  type TEXT NOT NULL CHECK (type IN ('created', 'status', 'comment', 'photo', 'note')),"
    "  author_role TEXT NOT NULL CHECK (author_role IN ('member', 'staff', 'system')),"
    "  author_id TEXT REFERENCES users(id),"
    "  author_name TEXT NOT NULL,"
    "  from_status TEXT,"
    "  to_status TEXT,"
    "  text TEXT,"
    "  photo_id TEXT UNIQUE,"
    "  internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),"
    "  CHECK ((type = 'note') = (internal = 1)),"
    "  CHECK ((type = 'photo') = (photo_id IS NOT NULL)),"
    "  CHECK ((type = 'status') = (to_status IS NOT NULL)));"
    "CREATE INDEX ticket_entries_by_ticket ON ticket_entries (ticket_id, at_ms, id);"
    /* A photo declared by ticket.create (comment_id NULL) or ticket.comment; received counts
     * the bytes kept (its chunks), complete once they passed the checks; bytes_received_total
     * and requests count every byte and PATCH ever sent for it (test mode shows them). */
    "CREATE TABLE ticket_photos ("
    "  id TEXT PRIMARY KEY,"
    "  ticket_id TEXT NOT NULL REFERENCES tickets(id),"
    "  comment_id TEXT,"
    "  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),"
    "  bytes INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 10485760),"
    "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    "  received INTEGER NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND bytes),"
    "  complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),"
    "  uploaded_at_ms INTEGER,"
    "  bytes_received_total INTEGER NOT NULL DEFAULT 0,"
    "  requests INTEGER NOT NULL DEFAULT 0,"
    "  CHECK ((complete = 1) = (uploaded_at_ms IS NOT NULL)),"
    "  CHECK (complete = 0 OR received = bytes));"
    "CREATE INDEX ticket_photos_by_ticket ON ticket_photos (ticket_id, comment_id);"
    "CREATE TABLE ticket_photo_chunks ("
    "  photo_id TEXT NOT NULL REFERENCES ticket_photos(id),"
    "  offset INTEGER NOT NULL CHECK (offset >= 0),"
    "  data BLOB NOT NULL,"
    "  PRIMARY KEY (photo_id, offset));"

    /* The simulated push gateway: one row per (notification, registered push token). */
    "CREATE TABLE push_deliveries ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  notification_id TEXT NOT NULL REFERENCES notifications(id),"
    "  provider TEXT NOT NULL CHECK (provider IN ('fcm', 'apns')),"
    "  token TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  deep_link TEXT,"
    "  created_at_ms INTEGER NOT NULL);"
    "CREATE INDEX push_deliveries_by_user ON push_deliveries (user_id, id);";

/*
 * Version 10: the notifications hub (issue 12, docs/notifications-protocol.md). A notification
 * has its kind (the cause's name, "" for ones made before) and whether it is urgent; every user's
 * channel preferences per category and quiet hours (created with the defaults on first read);
 * every delivery of every notification per channel (the simulated providers' view), with held
 * ones waiting for their quiet hours to end; the reminders and due notices already sent (each
 * goes once); the push tokens the simulated provider reports dead.
 */
static const char schema_v10[] =
    "ALTER TABLE notifications ADD COLUMN kind TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE notifications ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0"
    "  CHECK (urgent IN (0, 1));"
    "CREATE INDEX notifications_by_user_created ON notifications (user_id, created_at_ms);"

    /* One row per user; channels: {category: {push, email, sms}} as the wire's object. */
    "CREATE TABLE notification_prefs ("
    "  user_id TEXT PRIMARY KEY REFERENCES users(id),"
    "  channels TEXT NOT NULL CHECK (json_valid(channels)),"
    "  quiet_enabled INTEGER NOT NULL CHECK (quiet_enabled IN (0, 1)),"
    "  quiet_from_min INTEGER NOT NULL CHECK (quiet_from_min BETWEEN 0 AND 1439),"
    "  quiet_to_min INTEGER NOT NULL CHECK (quiet_to_min BETWEEN 0 AND 1439),"
    "  updated_at_ms INTEGER NOT NULL,"
    "  CHECK (quiet_from_min <> quiet_to_min));"

    /* Every delivery: to_addr is the push token, the email address or the phone; a held one
     * goes out at release_at_ms (upkeep); sent_at_ms once sent. */
    "CREATE TABLE notification_deliveries ("
    "  id INTEGER PRIMARY KEY,"
    "  notification_id TEXT NOT NULL REFERENCES notifications(id),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  channel TEXT NOT NULL CHECK (channel IN ('push', 'email', 'sms')),"
    "  to_addr TEXT NOT NULL,"
    "  provider TEXT CHECK (provider IN ('fcm', 'apns')),"
    "  status TEXT NOT NULL CHECK (status IN ('sent', 'held', 'dead_token')),"
    "  release_at_ms INTEGER,"
    "  created_at_ms INTEGER NOT NULL,"
    "  sent_at_ms INTEGER,"
    "  CHECK ((status = 'held') = (release_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'sent') = (sent_at_ms IS NOT NULL)),"
    "  CHECK ((channel = 'push') = (provider IS NOT NULL)));"
    "CREATE INDEX notification_deliveries_by_user ON notification_deliveries (user_id, id);"
    "CREATE INDEX notification_deliveries_held ON notification_deliveries (release_at_ms, id)"
    "  WHERE status = 'held';"

    /* A notice (a reminder, a due notice) sent once per (kind, entity, user). */
    "CREATE TABLE notices_sent ("
    "  kind TEXT NOT NULL,"
    "  entity_id TEXT NOT NULL,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  sent_at_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (kind, entity_id, user_id));"

    /* The simulated push provider answers "unregistered" for these tokens. */
    "CREATE TABLE push_dead_tokens ("
    "  token TEXT PRIMARY KEY);";

/*
 * Version 11: visitors (issue 12, docs/notifications-protocol.md). A member's visitors, invited
 * for one building-local date (or registered at reception as walk-ins awaiting the host's
 * answer), listed by host and by building and day; the walk-ins the upkeep declines when their
 * 15 minutes pass. Credentials gain the kind `visitor` and the visitor they open the door for:
 * SQLite cannot alter a CHECK, so the table is rebuilt with its rows copied and its indexes
 * made again.
 */
static const char schema_v11[] =
    "CREATE TABLE visitors ("
    "  id TEXT PRIMARY KEY,"
    "  host_user_id TEXT NOT NULL REFERENCES users(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  name TEXT NOT NULL,"
    /* NULL only for a walk-in registered without one. */
    "  email TEXT,"
    "  phone TEXT,"
    /* The building-local date the visit is for, YYYY-MM-DD. */
    "  date TEXT NOT NULL CHECK (length(date) = 10),"
    /* The expected arrival, minutes after local midnight; both NULL when none. */
    "  window_from_min INTEGER,"
    "  window_to_min INTEGER,"
    "  source TEXT NOT NULL CHECK (source IN ('invitation', 'walk_in')),"
    "  status TEXT NOT NULL CHECK (status IN ('invited', 'arrived', 'cancelled',"
    "    'awaiting_approval', 'declined')),"
    "  created_at_ms INTEGER NOT NULL,"
    "  updated_at_ms INTEGER NOT NULL,"
    "  arrived_at_ms INTEGER,"
    "  checked_in_by TEXT CHECK (checked_in_by IN ('door', 'reception')),"
    /* A walk-in's: created + 15 minutes. */
    "  approval_due_ms INTEGER,"
    "  decided_at_ms INTEGER,"
    "  decline_reason TEXT CHECK (decline_reason IN ('host', 'timeout')),"
    "  credential_id TEXT,"
    "  CHECK ((window_from_min IS NULL) = (window_to_min IS NULL)),"
    "  CHECK (window_from_min IS NULL OR (window_from_min >= 0"
    "    AND window_from_min < window_to_min AND window_to_min <= 1440)),"
    "  CHECK ((status = 'arrived') = (arrived_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'arrived') = (checked_in_by IS NOT NULL)),"
    "  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),"
    "  CHECK ((source = 'walk_in') = (approval_due_ms IS NOT NULL)),"
    "  CHECK (source = 'walk_in' OR email IS NOT NULL),"
    "  CHECK (source = 'invitation' OR status NOT IN ('invited', 'cancelled')),"
    "  CHECK (source = 'walk_in' OR status <> 'awaiting_approval'));"
    /* The host's list (and the pull snapshot's keyset), the building's day (reception), the
     * walk-ins whose answer is due (upkeep), a door code's visitor. */
    "CREATE INDEX visitors_by_host ON visitors (host_user_id, id);"
    "CREATE INDEX visitors_by_day ON visitors (building_id, date, window_from_min, name);"
    "CREATE INDEX visitors_awaiting ON visitors (approval_due_ms)"
    "  WHERE status = 'awaiting_approval';"

    "CREATE TABLE credentials_v11 ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('pass', 'booking_guest', 'visitor')),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  holder_user_id TEXT REFERENCES users(id),"
    "  guest_email TEXT,"
    "  pass_id TEXT REFERENCES passes(id),"
    "  reservation_id TEXT REFERENCES reservations(id),"
    "  visitor_id TEXT REFERENCES visitors(id),"
    "  valid_from_ms INTEGER NOT NULL,"
    "  valid_until_ms INTEGER NOT NULL,"
    "  secret BLOB NOT NULL CHECK (length(secret) = 32),"
    "  issued_at_ms INTEGER NOT NULL,"
    "  revoked_at_ms INTEGER,"
    "  CHECK ((holder_user_id IS NULL) <> (guest_email IS NULL)),"
    "  CHECK ((kind = 'pass') = (pass_id IS NOT NULL)),"
    "  CHECK ((kind = 'booking_guest') = (reservation_id IS NOT NULL)),"
    "  CHECK ((kind = 'visitor') = (visitor_id IS NOT NULL)),"
    "  CHECK (valid_from_ms < valid_until_ms));"
    "INSERT INTO credentials_v11 (id, kind, building_id, holder_user_id, guest_email, pass_id,"
    " reservation_id, valid_from_ms, valid_until_ms, secret, issued_at_ms, revoked_at_ms)"
    " SELECT id, kind, building_id, holder_user_id, guest_email, pass_id, reservation_id,"
    " valid_from_ms, valid_until_ms, secret, issued_at_ms, revoked_at_ms FROM credentials;"
    "DROP TABLE credentials;"
    "ALTER TABLE credentials_v11 RENAME TO credentials;"
    "CREATE INDEX credentials_by_holder ON credentials (holder_user_id, id)"
    "  WHERE holder_user_id IS NOT NULL;"
    "CREATE INDEX credentials_by_reservation ON credentials (reservation_id)"
    "  WHERE reservation_id IS NOT NULL;"
    "CREATE INDEX credentials_by_visitor ON credentials (visitor_id)"
    "  WHERE visitor_id IS NOT NULL;"
    /* Upkeep's notices (domain/event_notices.c, invoice_notices.c): the events about to start,
     * a company's members, a building's members. */
    "CREATE INDEX events_by_start ON events (starts_at_ms);"
    "CREATE INDEX memberships_by_company ON memberships (company_id);"
    "CREATE INDEX memberships_by_building ON memberships (building_id);";

/*
 * Version 12: hot desks by the day (issue 13, docs/today-desks-community.md "Desks"). Desks of a
 * building with their area and features, hot (booked by the day) or dedicated (assigned to one
 * member); each building's desk prices and check-in cut-off; each membership's monthly desk-day
 * allowance (what is used is counted from the bookings paid by plan of that month); desk bookings,
 * whose partial unique indexes are the rules "one member per desk per date" and "one desk per
 * member per date" among pending and confirmed ones (they decide every race); desk_busy (what
 * everyone sees of a held desk-day: no holder); an invoice may bill a desk booking. Credit ledger
 * lines and credentials gain the desk booking they belong to: SQLite cannot alter a CHECK, so both
 * tables are rebuilt with their rows copied and their indexes made again.
 */
static const char schema_v12[] =
    "CREATE TABLE desks ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  name TEXT NOT NULL,"
    "  area TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('hot', 'dedicated')),"
    "  assigned_user_id TEXT REFERENCES users(id),"
    "  CHECK ((kind = 'dedicated') = (assigned_user_id IS NOT NULL)));"
    "CREATE INDEX desks_by_building ON desks (building_id, id);"
    "CREATE UNIQUE INDEX desks_by_assignee ON desks (assigned_user_id)"
    "  WHERE assigned_user_id IS NOT NULL;"
    "CREATE TABLE desk_features ("
    "  desk_id TEXT NOT NULL REFERENCES desks(id),"
    "  feature TEXT NOT NULL CHECK (feature IN ('monitor', 'standing', 'window',"
    "    'dual_monitor', 'quiet', 'phone_booth_nearby')),"
    "  PRIMARY KEY (desk_id, feature));"
    /* A building's desk prices (its currency's minor unit, before tax; credits) and the
     * check-in cut-off, minutes after local midnight; a building without a row has no desks. */
    "CREATE TABLE desk_settings ("
    "  building_id TEXT PRIMARY KEY REFERENCES buildings(id),"
    "  day_price_paise INTEGER NOT NULL CHECK (day_price_paise > 0),"
    "  day_credits INTEGER NOT NULL CHECK (day_credits >= 0),"
    "  checkin_cutoff_min INTEGER NOT NULL CHECK (checkin_cutoff_min BETWEEN 0 AND 1440));"
    /* Desk days a month the plan includes (0: none), reset on the 1st of the building-local
     * month. */
    "ALTER TABLE memberships ADD COLUMN desk_days_per_month INTEGER NOT NULL DEFAULT 0"
    "  CHECK (desk_days_per_month >= 0);"

    "CREATE TABLE desk_bookings ("
    "  id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  desk_id TEXT NOT NULL REFERENCES desks(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    /* The building-local date, YYYY-MM-DD. */
    "  date TEXT NOT NULL CHECK (length(date) = 10),"
    "  status TEXT NOT NULL CHECK (status IN ('pending_payment', 'confirmed', 'cancelled',"
    "    'released')),"
    "  paid_by TEXT NOT NULL CHECK (paid_by IN ('plan', 'credits', 'razorpay')),"
    "  credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),"
    /* 1 when it takes a desk day of the plan's allowance (paid_by plan and not cancelled). */
    "  desk_days INTEGER NOT NULL DEFAULT 0 CHECK (desk_days IN (0, 1)),"
    "  amount_paise INTEGER NOT NULL DEFAULT 0 CHECK (amount_paise >= 0),"
    "  currency TEXT NOT NULL,"
    "  order_id TEXT,"
    /* pending_payment only: when the hold lapses. */
    "  hold_expires_at_ms INTEGER,"
    "  invoice_id TEXT REFERENCES invoices(id),"
    "  credential_id TEXT,"
    "  checked_in_at_ms INTEGER,"
    "  released_at_ms INTEGER,"
    "  cancelled_at_ms INTEGER,"
    "  cancel_reason TEXT CHECK (cancel_reason IN ('member', 'hold_expired')),"
    "  created_at_ms INTEGER NOT NULL,"
    "  updated_at_ms INTEGER NOT NULL,"
    "  CHECK ((status = 'pending_payment') = (hold_expires_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'released') = (released_at_ms IS NOT NULL)),"
    "  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),"
    "  CHECK ((status = 'cancelled') = (cancelled_at_ms IS NOT NULL)),"
    "  CHECK ((paid_by = 'razorpay') = (order_id IS NOT NULL)),"
    "  CHECK (paid_by = 'plan' OR desk_days = 0),"
    "  CHECK (paid_by = 'credits' OR credits = 0));"
    "CREATE UNIQUE INDEX desk_bookings_one_per_desk ON desk_bookings (desk_id, date)"
    "  WHERE status IN ('pending_payment', 'confirmed');"
    "CREATE UNIQUE INDEX desk_bookings_one_per_member ON desk_bookings (user_id, date)"
    "  WHERE status IN ('pending_payment', 'confirmed');"
    "CREATE INDEX desk_bookings_by_user ON desk_bookings (user_id, id);"
    "CREATE INDEX desk_bookings_holds ON desk_bookings (hold_expires_at_ms)"
    "  WHERE hold_expires_at_ms IS NOT NULL;"
    /* Upkeep's release: confirmed bookings not checked in, by date. */
    "CREATE INDEX desk_bookings_unchecked ON desk_bookings (date, building_id)"
    "  WHERE status = 'confirmed' AND checked_in_at_ms IS NULL;"
    /* What everyone sees of a pending or confirmed desk-day: no holder. id is
     * '<desk_id>@<date>', so a second holder is refused even if a check were missed. */
    "CREATE TABLE desk_busy ("
    "  id TEXT PRIMARY KEY,"
    "  desk_id TEXT NOT NULL REFERENCES desks(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  date TEXT NOT NULL CHECK (length(date) = 10),"
    "  desk_booking_id TEXT NOT NULL UNIQUE REFERENCES desk_bookings(id),"
    "  CHECK (id = desk_id || '@' || date));"

    "ALTER TABLE invoices ADD COLUMN desk_booking_id TEXT REFERENCES desk_bookings(id);"
    "CREATE UNIQUE INDEX invoices_by_desk_booking ON invoices (desk_booking_id)"
    "  WHERE desk_booking_id IS NOT NULL;"

    "CREATE TABLE credit_ledger_v12 ("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  company_id TEXT NOT NULL REFERENCES companies(id),"
    "  delta INTEGER NOT NULL,"
    "  balance_after INTEGER NOT NULL CHECK (balance_after >= 0),"
    "  reason TEXT NOT NULL CHECK (reason IN ('monthly_reset', 'booking', 'refund')),"
    "  reservation_id TEXT,"
    "  desk_booking_id TEXT,"
    "  at_ms INTEGER NOT NULL,"
    "  CHECK (reservation_id IS NULL OR desk_booking_id IS NULL),"
    "  CHECK ((reason = 'monthly_reset') ="
    "    (reservation_id IS NULL AND desk_booking_id IS NULL)));"
    "INSERT INTO credit_ledger_v12 (seq, id, company_id, delta, balance_after, reason,"
    " reservation_id, at_ms) SELECT seq, id, company_id, delta, balance_after, reason,"
    " reservation_id, at_ms FROM credit_ledger;"
    "DROP TABLE credit_ledger;"
    "ALTER TABLE credit_ledger_v12 RENAME TO credit_ledger;"
    "CREATE INDEX credit_ledger_by_company ON credit_ledger (company_id, id);"

    "CREATE TABLE credentials_v12 ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('pass', 'booking_guest', 'visitor', 'desk')),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  holder_user_id TEXT REFERENCES users(id),"
    "  guest_email TEXT,"
    "  pass_id TEXT REFERENCES passes(id),"
    "  reservation_id TEXT REFERENCES reservations(id),"
    "  visitor_id TEXT REFERENCES visitors(id),"
    "  desk_booking_id TEXT REFERENCES desk_bookings(id),"
    "  valid_from_ms INTEGER NOT NULL,"
    "  valid_until_ms INTEGER NOT NULL,"
    "  secret BLOB NOT NULL CHECK (length(secret) = 32),"
    "  issued_at_ms INTEGER NOT NULL,"
    "  revoked_at_ms INTEGER,"
    "  CHECK ((holder_user_id IS NULL) <> (guest_email IS NULL)),"
    "  CHECK ((kind = 'pass') = (pass_id IS NOT NULL)),"
    "  CHECK ((kind = 'booking_guest') = (reservation_id IS NOT NULL)),"
    "  CHECK ((kind = 'visitor') = (visitor_id IS NOT NULL)),"
    "  CHECK ((kind = 'desk') = (desk_booking_id IS NOT NULL)),"
    "  CHECK (kind <> 'desk' OR holder_user_id IS NOT NULL),"
    "  CHECK (valid_from_ms < valid_until_ms));"
    "INSERT INTO credentials_v12 (id, kind, building_id, holder_user_id, guest_email, pass_id,"
    " reservation_id, visitor_id, valid_from_ms, valid_until_ms, secret, issued_at_ms,"
    " revoked_at_ms) SELECT id, kind, building_id, holder_user_id, guest_email, pass_id,"
    " reservation_id, visitor_id, valid_from_ms, valid_until_ms, secret, issued_at_ms,"
    " revoked_at_ms FROM credentials;"
    "DROP TABLE credentials;"
    "ALTER TABLE credentials_v12 RENAME TO credentials;"
    "CREATE INDEX credentials_by_holder ON credentials (holder_user_id, id)"
    "  WHERE holder_user_id IS NOT NULL;"
    "CREATE INDEX credentials_by_reservation ON credentials (reservation_id)"
    "  WHERE reservation_id IS NOT NULL;"
    "CREATE INDEX credentials_by_visitor ON credentials (visitor_id)"
    "  WHERE visitor_id IS NOT NULL;"
    "CREATE INDEX credentials_by_desk_booking ON credentials (desk_booking_id)"
    "  WHERE desk_booking_id IS NOT NULL;";

/*
 * Version 13: community (issue 13, docs/today-desks-community.md "Announcements", "Offers",
 * "Event waitlists"). Announcements of a building (or operator-wide: building_id NULL), pinned or
 * not, with an optional expiry (retired once past it), and who read each; partner offers with their
 * validity (building-local dates, inclusive), building scope (no row: every building) and codes: a
 * shared offer has one code for everyone, a single-use offer a pool handed out one per member (the
 * unique (offer_id, user_id) refuses a second), retired once over in every zone; every member's
 * redemption of either. RSVPs are rebuilt (SQLite cannot alter a CHECK) with the status
 * `waitlisted`, ordered by waitlist_seq (unique per event among the waitlisted: the order members
 * joined, whatever the clock says).
 */
static const char schema_v13[] =
    "CREATE TABLE announcements ("
    "  id TEXT PRIMARY KEY,"
    "  building_id TEXT REFERENCES buildings(id),"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),"
    "  published_at_ms INTEGER NOT NULL,"
    /* NULL: never expires. */
    "  expires_at_ms INTEGER,"
    /* 1 once expired and deleted from its members' change logs (upkeep). */
    "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
    "  CHECK (expires_at_ms IS NULL OR expires_at_ms > published_at_ms));"
    "CREATE INDEX announcements_by_building ON announcements (building_id, id);"
    "CREATE INDEX announcements_expiring ON announcements (expires_at_ms)"
    "  WHERE retired = 0 AND expires_at_ms IS NOT NULL;"
    "CREATE TABLE announcement_reads ("
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  announcement_id TEXT NOT NULL REFERENCES announcements(id),"
    "  read_at_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (user_id, announcement_id));"

    "CREATE TABLE offers ("
    "  id TEXT PRIMARY KEY,"
    "  partner TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  description TEXT NOT NULL,"
    "  terms TEXT NOT NULL,"
    /* Building-local dates, YYYY-MM-DD, both inclusive. */
    "  valid_from TEXT NOT NULL CHECK (length(valid_from) = 10),"
    "  valid_until TEXT NOT NULL CHECK (length(valid_until) = 10),"
    "  code_kind TEXT NOT NULL CHECK (code_kind IN ('shared', 'single_use')),"
    "  shared_code TEXT,"
    "  created_at_ms INTEGER NOT NULL,"
    /* 1 once over in every zone and deleted from the change logs of those in scope (upkeep). */
    "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
    "  CHECK (valid_from <= valid_until),"
    "  CHECK ((code_kind = 'shared') = (shared_code IS NOT NULL)));"
    "CREATE TABLE offer_buildings ("
    "  offer_id TEXT NOT NULL REFERENCES offers(id),"
    "  building_id TEXT NOT NULL REFERENCES buildings(id),"
    "  PRIMARY KEY (offer_id, building_id));"
    "CREATE INDEX offers_ending ON offers (valid_until) WHERE retired = 0;"
    "CREATE INDEX offer_buildings_by_building ON offer_buildings (building_id, offer_id);"
    /* A single-use offer's pool: user_id and redeemed_at_ms once handed out. */
    "CREATE TABLE offer_codes ("
    "  offer_id TEXT NOT NULL REFERENCES offers(id),"
    "  code TEXT NOT NULL,"
    "  user_id TEXT REFERENCES users(id),"
    "  redeemed_at_ms INTEGER,"
    "  PRIMARY KEY (offer_id, code),"
    "  UNIQUE (offer_id, user_id),"
    "  CHECK ((user_id IS NULL) = (redeemed_at_ms IS NULL)));"
    "CREATE INDEX offer_codes_free ON offer_codes (offer_id, code) WHERE user_id IS NULL;"
    /* Every member's redemption (shared or single-use): one per member per offer. */
    "CREATE TABLE offer_redemptions ("
    "  offer_id TEXT NOT NULL REFERENCES offers(id),"
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  code TEXT NOT NULL,"
    "  redeemed_at_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (offer_id, user_id));"

    "CREATE TABLE rsvps_v13 ("
    "  user_id TEXT NOT NULL REFERENCES users(id),"
    "  event_id TEXT NOT NULL REFERENCES events(id),"
    "  status TEXT NOT NULL CHECK (status IN ('going', 'not_going', 'waitlisted')),"
    "  updated_at_ms INTEGER NOT NULL,"
    /* waitlisted only: when the member joined the waitlist, and the order they joined in. */
    "  waitlisted_at_ms INTEGER,"
    "  waitlist_seq INTEGER,"
    "  PRIMARY KEY (user_id, event_id),"
    "  CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL)),"
    "  CHECK ((waitlist_seq IS NULL) = (waitlisted_at_ms IS NULL)));"
    "INSERT INTO rsvps_v13 (user_id, event_id, status, updated_at_ms)"
    " SELECT user_id, event_id, status, updated_at_ms FROM rsvps;"
    "DROP TABLE rsvps;"
    "ALTER TABLE rsvps_v13 RENAME TO rsvps;"
    "CREATE INDEX rsvps_by_event ON rsvps (event_id, status);"
    "CREATE UNIQUE INDEX rsvps_waitlist ON rsvps (event_id, waitlist_seq)"
    "  WHERE status = 'waitlisted';";

const ms_schema_step ms_schema_steps[] = {
    {1, schema_v1},   {2, schema_v2},   {3, schema_v3},   {4, schema_v4}, {5, schema_v5},
    {6, schema_v6},   {7, schema_v7},   {8, schema_v8},   {9, schema_v9}, {10, schema_v10},
    {11, schema_v11}, {12, schema_v12}, {13, schema_v13},
};

const size_t ms_schema_step_count = sizeof ms_schema_steps / sizeof ms_schema_steps[0];
