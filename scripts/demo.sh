#!/usr/bin/env bash
# scripts/demo.sh - the README's demo: on a fresh Debian 12 machine, install
# what is missing, build, start the stub API server on loopback and open with
# the seeded member Asha signing in, syncing and reading her day on one screen
# (memberctl today); then a newcomer's sign-in journey on another phone, step by
# step, then Asha's offline-first journey (sync, an RSVP made offline, confirmed by the next sync, the
# notifications inbox), then a meeting room booked with credits while
# offline and confirmed by the next sync, then the buildings' hours and
# day-pass prices looked up, a day pass quoted, bought, paid through the
# test checkout, shown as a door QR code in the terminal and scanned at the
# stub's test door, in and out (anti-passback), then a facility ticket filed offline
# with a photo, sent and uploaded by the next sync, picked up and resolved by ground
# staff on their own memberctl, and the member's notifications and timeline, then a
# visitor invited (the email with the QR code and the SMS), the member's channels chosen,
# the visitor's code scanned at the door, reception's list, and the host's alert
# ("Visitor waiting at reception") in the inbox and on the channels she chose; then a hot
# desk searched and booked with a plan desk day (and refused to a dedicated-desk holder),
# an announcement read, a partner offer redeemed, her calendar exported as an .ics file
# and read back with Python's icalendar, and Today again.
# Exits 0 when the journeys worked, non-zero otherwise.
# Uses a fresh temporary data directory and stops the server on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
if [ ! -d build ]; then
    meson setup build
fi
# Only what the demo runs: a test that does not compile must not stop it.
meson compile -C build memberctl memberstub

MEMBERCTL_BIN="$PWD/build/examples/memberctl"
MEMBERSTUB_BIN="$PWD/build/server-stub/memberstub"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/membercore-demo.XXXXXX")
stub_pid=""
cleanup() {
    if [ -n "$stub_pid" ]; then
        kill "$stub_pid" 2>/dev/null || true
        wait "$stub_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

"$MEMBERSTUB_BIN" --db "$tmp/stub.db" --port 0 --port-file "$tmp/port" --test-mode \
    >"$tmp/stub.log" 2>&1 &
stub_pid=$!
for _ in $(seq 100); do
    [ -s "$tmp/port" ] && break
    if ! kill -0 "$stub_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ ! -s "$tmp/port" ]; then
    echo "demo: the stub server did not start; its log:" >&2
    cat "$tmp/stub.log" >&2
    exit 1
fi
URL="http://127.0.0.1:$(tr -d '[:space:]' <"$tmp/port")"
export MEMBERCTL_SERVER="$URL"
export MEMBERCTL_DATA_DIR="$tmp/data"

step_no=0
step() {
    step_no=$((step_no + 1))
    printf '\n== %d. %s\n' "$step_no" "$1"
}

# ctl EXPECTED_EXIT ARGS...: show and run "memberctl ARGS...", then check
# its exit status. The output is kept in $ctl_out for later checks. An
# argument equal to $secret (the SMS code, a push token) is shown as $secret_label.
ctl_out=""
secret=""
secret_label="<the code from the SMS>"
ctl() {
    local want=$1
    shift
    local shown=("\$ memberctl") arg
    for arg in "$@"; do
        if [ -n "$secret" ] && [ "$arg" = "$secret" ]; then
            arg=$secret_label
        elif [[ "$arg" =~ [^A-Za-z0-9@.+_/=:-] ]]; then
            arg="\"$arg\""
        fi
        shown+=("$arg")
    done
    printf '%s\n' "${shown[*]}"
    local rc=0
    ctl_out=$("$MEMBERCTL_BIN" "$@" 2>&1) || rc=$?
    printf '%s\n' "$ctl_out"
    if [ "$rc" -ne "$want" ]; then
        echo "demo: expected exit $want from memberctl $1, got $rc" >&2
        exit 1
    fi
}

# sms_code E164: the latest code the stub "texted" to that phone. This
# stands in for the member reading the SMS on their phone.
sms_code() {
    local code
    code=$(curl -s "$URL/v1/test/sms/latest?phone=${1/+/%2B}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])') || code=""
    if ! [[ "$code" =~ ^[0-9]{6}$ ]]; then
        echo "demo: no SMS code found for $1 at $URL/v1/test/sms/latest" >&2
        return 1
    fi
    printf '%s\n' "$code"
}

# expect_output TEXT: the last memberctl output mentions TEXT.
expect_output() {
    if ! grep -qF -- "$1" <<<"$ctl_out"; then
        echo "demo: expected the output to mention \"$1\"" >&2
        exit 1
    fi
}

echo "memberctl demo against the stub server at $URL"
echo "(Asha's local store: $MEMBERCTL_DATA_DIR)"

step "Asha Rao, a member at BLR-1, signs in on her phone"
ctl 0 login +919800000001
code=$(sms_code +919800000001)
secret=$code
echo "(code read from the simulated SMS inbox)"
ctl 0 verify "$code"

step "Her phone's first sync brings her day into the local store"
ctl 0 sync

step "Today: her day on one screen, from the local store (works offline)"
ctl 0 today
expect_output "Asha Rao"
expect_output "Cabin 1019"
expect_output "IST"
expect_output "Desk days:"

# A newcomer signs up on another phone, Vikram later on his: stores of their own.
NEWCOMER=(--data-dir "$tmp/newcomer")
VIKRAM_DEMO=(--data-dir "$tmp/vikram")

step "Meanwhile a newcomer types their number on their own phone, with spaces"
ctl 0 "${NEWCOMER[@]}" login "+91 98765 43210"

step "The SMS arrives (read from the stub's simulated SMS inbox: this stands in for reading the SMS)"
code=$(sms_code +919876543210)
secret=$code
echo "SMS to +919876543210: a 6-digit code (not shown here)"

step "A typo first: a wrong code is refused, and says how many attempts are left"
wrong=000000
[ "$code" = "$wrong" ] && wrong=111111
ctl 2 "${NEWCOMER[@]}" verify "$wrong"
expect_output otp_wrong
expect_output attempt

step "The right code: the account is created at once"
ctl 0 "${NEWCOMER[@]}" verify "$code"

step "Profile: name, email, company, city (creates the CRM lead, status new)"
ctl 0 "${NEWCOMER[@]}" profile --name "Ravi Kumar" --email ravi@example.in --company "Kumar Labs" --city Pune

step "Intent: on-demand (grants the ondemanduser role)"
ctl 0 "${NEWCOMER[@]}" intent on-demand

step "Who am I? (answered from the local store)"
ctl 0 "${NEWCOMER[@]}" whoami
expect_output ondemanduser

step "Sign out"
ctl 0 "${NEWCOMER[@]}" logout

step "Who am I now? (signed out: exit 2 is expected)"
ctl 2 "${NEWCOMER[@]}" whoami
expect_output unauthorized

step "Back on Asha's phone (still signed in): her account, building and cabin"
ctl 0 whoami
expect_output "Cabin 1019"

# A loopback URL nothing listens on: "the phone is offline".
DEAD_URL="http://127.0.0.1:$(python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')"

step "Offline-first: Asha syncs (her events, RSVPs and notifications land in the local store)"
ctl 0 sync
ctl 0 status
expect_output "Last sync:"

step "Events, read from the local store: her building's first, then the others (--all)"
ctl 0 events --all
expect_output "Diwali Meetup"
expect_output "BLR-1's first"
expect_output "IST" # each event in its building's local time

step "Offline (the server is unreachable): Asha RSVPs anyway; it is saved and queued"
ctl 0 --server "$DEAD_URL" rsvp EVT-BLR-DIWALI going
expect_output "will sync when online"
ctl 0 --server "$DEAD_URL" events --all
expect_output "my RSVP: going (pending)"
ctl 0 --server "$DEAD_URL" outbox
expect_output "rsvp.set"

step "A sync while offline fails (exit 2 is expected) and keeps the RSVP queued"
ctl 2 --server "$DEAD_URL" sync
expect_output "still queued"

step "Back online: sync sends the RSVP and the server confirms it"
ctl 0 sync
expect_output "Pushed 1"
ctl 0 events --all
if grep -A1 "EVT-BLR-DIWALI" <<<"$ctl_out" | grep -qF "(pending)"; then
    echo "demo: the RSVP should be confirmed after the sync" >&2
    exit 1
fi
ctl 0 outbox
expect_output "The outbox is empty"

step "Notifications: unread counts per category, each body and where its link leads"
ctl 0 notifications
expect_output "Unread: 3"
expect_output "Link: opens invoice INV-"

step "Online, she reads one: sent to the server at once and confirmed (nothing left queued)"
ctl 0 read ntf_5eed000000000101
expect_output "sent to the server and confirmed"
ctl 0 notifications --unread
expect_output "Unread: 2"
ctl 0 sync
expect_output "Pushed 0"

# booking_day: the first of the next days (from the stub's clock, 2 to 20
# days on) on which the boardroom is free at 10:00, by a quiet search.
booking_day() {
    local day
    for day in $(curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
now = json.load(sys.stdin)["now_ms"]
today = datetime.datetime.fromtimestamp(now / 1000, datetime.timezone.utc).date()
for n in range(2, 21):
    print((today + datetime.timedelta(days=n)).isoformat())'); do
        if "$MEMBERCTL_BIN" --json rooms search --date "$day" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if any(r["id"] == "BLR-1-BOARD" and any(s["local_time"] == "10:00" for s in r["free"])
                  for r in d["rooms"]) else 1)'; then
            printf '%s\n' "$day"
            return 0
        fi
    done
    echo "demo: no day with the boardroom free at 10:00 in the next 20 days" >&2
    return 1
}

step "Meeting rooms: Asha looks for a free room in her building (from the local store)"
day=$(booking_day)
ctl 0 rooms search --date "$day" --amenity projector
expect_output "BLR-1-BOARD"
expect_output "Asia/Kolkata"

step "A day with no free block says why, and so does a refused booking (exit 2 is expected)"
sunday=$(curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
now = json.load(sys.stdin)["now_ms"] / 1000
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
today = datetime.datetime.fromtimestamp(now, ist).date()
print(today + datetime.timedelta(days=(6 - today.weekday()) or 7))')
ctl 0 rooms search --date "$sunday"
expect_output "BLR-1 is closed on Sundays"
ctl 2 rooms book BLR-1-BOARD --date "$sunday" --start 10:00 --pay credits
expect_output "BLR-1 is closed on Sundays"

step "Offline, she books the boardroom for 2 hours with her company's credits, with a guest"
ctl 0 --server "$DEAD_URL" rooms book BLR-1-BOARD --date "$day" --start 10:00 --hours 2 \
    --guest "Ravi Kumar <ravi@example.in>" --pay credits
expect_output "pending until the server confirms"
ctl 0 --server "$DEAD_URL" credits
expect_output "12 credits held"

step "Back online: sync sends the booking; the server confirms it and emails the guest"
ctl 0 sync
expect_output "Pushed 1"
ctl 0 bookings
expect_output "confirmed, paid by credits: 12 credits"
expect_output "confirmed, paid by razorpay: ₹708.00" # the seeded Focus Room: 1 h at ₹600 plus GST
expect_output "$day 10:00 to 12:00 IST" # the building's time, not UTC
ctl 0 credits
expect_output "booking"
emails=$(curl -s "$URL/v1/test/emails?to=ravi@example.in")
echo "(the stub's simulated outbox: $(python3 -c 'import json, sys; print(len(json.load(sys.stdin)["emails"]))' <<<"$emails") email(s) to ravi@example.in with the access pass)"
python3 -c 'import base64, json, sys
mail = [e for e in json.load(sys.stdin)["emails"] if e["attachments"]][-1]
open(sys.argv[1], "wb").write(base64.b64decode(mail["attachments"][0]["content_base64"]))
print("subject: %s\nattached: %s (%s)" % (mail["subject"], mail["attachments"][0]["filename"], mail["attachments"][0]["content_type"]))' \
    "$tmp/ravi-qr.png" <<<"$emails"
if command -v zbarimg >/dev/null 2>&1; then
    echo "zbarimg reads the attached QR code: $(zbarimg --raw -q "$tmp/ravi-qr.png" 2>/dev/null | tr -d '\r\n')"
fi

# pass_days: the building for a day pass today (BLR-1, or MUM-1 when BLR-1 is
# closed: Sundays, Republic Day) and its next three open local dates, by the
# stub's clock, as "BUILDING DAY0 DAY1 DAY2". memberctl reads this machine's
# clock for the door code, which the stub's (real-time) clock matches here.
pass_days() {
    curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
today = datetime.datetime.fromtimestamp(json.load(sys.stdin)["now_ms"] / 1000, ist).date()
def open_days(building):
    day, days = today, []
    while len(days) < 3:
        if building != "BLR-1" or (day.isoweekday() != 7 and day.isoformat() != "2027-01-26"):
            days.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return days
building = "BLR-1" if open_days("BLR-1")[0] == today.isoformat() else "MUM-1"
print(building, *open_days(building))'
}

# door_expect BUILDING PAYLOAD DIRECTION MESSAGE WHY: the stub's test door reader (in or
# out) scans the payload; prints its verdict and stops the demo (saying WHY) unless it is
# granted (MESSAGE "") or refused with that message.
door_expect() {
    local scan
    scan=$(curl -s -X POST "$URL/v1/test/door/scan" -H 'Content-Type: application/json' \
        -d "$(python3 -c 'import json, sys; print(json.dumps({"building": sys.argv[1], "payload": sys.argv[2], "direction": sys.argv[3]}))' "$1" "$2" "$3")")
    echo "door: $scan"
    if ! python3 -c 'import json, sys; d = json.loads(sys.argv[1]); sys.exit(0 if (d["granted"] if not sys.argv[2] else d.get("message") == sys.argv[2]) else 1)' "$scan" "$4"; then
        echo "demo: $5" >&2
        exit 1
    fi
}

if "$MEMBERSTUB_BIN" --list-routes | grep -qx 'POST /v1/passes/checkout'; then
    # Not in the last minute of a local day: the pass is for today.
    left=$(python3 -c 'import time; print(int(86400 - (time.time() + 19800) % 86400))')
    if [ "$left" -lt 60 ]; then
        echo "(waiting ${left} s for the day to change in Bengaluru)"
        sleep $((left + 2))
    fi
    read -r building today d1 d2 <<<"$(pass_days)"

    step "Day passes: Asha looks up the buildings, their hours and day-pass prices (local)"
    ctl 0 --server "$DEAD_URL" buildings
    expect_output "5+ passes: 10% off"

    step "Day passes: Asha prices a bundle of 5 at $building for herself and a guest (local quote)"
    ctl 0 passes quote --building "$building" "$today" "$today:Ravi Kumar <ravi@example.in>" \
        "$d1" "$d1:Ravi Kumar <ravi@example.in>" "$d2"
    expect_output "10% off"

    step "In London the same pass is in pounds with VAT 20%, as Shoreditch charges it (local quote)"
    london_day=$(python3 -c 'import datetime; print(datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1))')
    ctl 0 passes quote --building LON-1 "$london_day"
    expect_output "VAT 20%"
    expect_output "£30.00"

    step "A date in the past is refused before anything is bought (exit 2 is expected)"
    yesterday=$(python3 -c 'import datetime, sys; print(datetime.date.fromisoformat(sys.argv[1]) - datetime.timedelta(days=1))' "$today")
    ctl 2 passes quote --building "$building" "$yesterday"
    expect_output past_date

    step "She buys a pass for herself today: the server holds it 15 minutes and opens a Razorpay order"
    ctl 0 passes buy --building "$building" "$today"
    expect_output "memberctl pay --order"
    order=$(sed -n 's/^  Order  *\([^ ]*\) (Razorpay)$/\1/p' <<<"$ctl_out")

    step "Razorpay checkout (the stub's test checkout stands in for the payment page)"
    read -r payment signature < <(curl -s -X POST "$URL/v1/test/razorpay/pay" \
        -H 'Content-Type: application/json' -d "{\"order_id\": \"$order\", \"forge\": false}" |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["payment_id"], d["signature"])')
    echo "checkout returned payment $payment and its signature"

    step "She confirms the payment with what checkout returned: the pass is active"
    ctl 0 pay --order "$order" --payment "$payment" --signature "$signature"
    expect_output "Payment confirmed"
    ctl 0 passes
    expect_output "active"
    pass=$("$MEMBERCTL_BIN" --json passes | python3 -c '
import json, sys
print([p["id"] for p in json.load(sys.stdin)["passes"] if p["date"] == sys.argv[1] and p["self"]][0])' "$today")

    step "Offline, her phone shows the door QR code (it rotates every 30 s)"
    ctl 0 --server "$DEAD_URL" qr "$pass"
    expect_output "Door code MC1|"

    step "The door reader scans it (the stub's test door stands in for the reader)"
    payload=$(sed -n 's/^Door code \(MC1|.*\)$/\1/p' <<<"$ctl_out")
    door_expect "$building" "$payload" in "" "the door should grant the pass"

    step "A friend shows the same code at the entrance while she is inside: refused (anti-passback)"
    door_expect "$building" "$payload" in "anti-passback: already inside" \
        "the door should refuse a second entry (anti-passback)"

    step "She steps out for lunch: the exit reader scans her out (the pass is good all day)"
    door_expect "$building" "$payload" out "" "the exit should let her out"

    step "Her billing history: the pass's invoice, numbered in the order of issue"
    ctl 0 invoices
    expect_output "paid"
    overdue=$("$MEMBERCTL_BIN" --json invoices | python3 -c '
import json, sys
print([i["number"] for i in json.load(sys.stdin)["invoices"] if i["status"] == "overdue"][0])')

    step "She pays the overdue invoice by the number she sees"
    ctl 0 pay "$overdue"
    expect_output "a Razorpay order to pay it"
else
    echo
    echo "(day passes skipped: this memberstub has no POST /v1/passes/checkout route)"
fi

# expect_no_output TEXT: the last memberctl output does not mention TEXT.
expect_no_output() {
    if grep -qF -- "$1" <<<"$ctl_out"; then
        echo "demo: the output should not mention \"$1\"" >&2
        exit 1
    fi
}

step "Facility tickets: Asha looks at the categories, each with its team and SLA (local)"
ctl 0 --server "$DEAD_URL" tickets categories
expect_output "Washroom"
expect_output "first response within 15 minutes, resolved within 1 hour"

# A real photo of the leak: a PNG of 1.4 MB (noise does not compress), so it goes up
# in two 1 MB chunks. Made here with python3's standard library.
python3 - "$tmp/washroom-tap.png" <<'PY'
import os, struct, sys, zlib
w, h = 800, 600
raw = b''.join(b'\x00' + os.urandom(3 * w) for _ in range(h))
def chunk(t, data):
    return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
echo "(a photo of the leak: washroom-tap.png, $(wc -c <"$tmp/washroom-tap.png") bytes)"

step "Offline, she files a ticket with the photo: saved and queued at once, the photo kept on the phone"
ctl 0 --server "$DEAD_URL" tickets new --category "Cleaning/Washroom" --priority high \
    --cabin "Cabin 1019" --description "The washroom tap next to Cabin 1019 keeps running" \
    --photo "$tmp/washroom-tap.png"
expect_output "T-… pending: queued, will be sent when online"
expect_output "waiting to upload"
ctl 0 --server "$DEAD_URL" tickets
expect_output "T-… pending"

step "Back online: the sync sends the ticket once, then uploads the photo in 1 MB chunks"
ctl 0 sync
expect_output "Pushed 1"
expect_output "MB sent"
expect_output "uploaded (1.4 MB)"
number=$("$MEMBERCTL_BIN" --json tickets | python3 -c '
import json, sys
print([t["number"] for t in json.load(sys.stdin)["tickets"] if t["category_path"] == "Cleaning/Washroom"][0])')
ctl 0 tickets show "$number"
expect_output "SLA:"
expect_output "image/png, 1.4 MB: uploaded"
expect_output "IST  You filed it (photo 1)"

step "Kiran Das (ground staff at BLR-1) signs in on his own phone (a second local store)"
KIRAN=(--data-dir "$tmp/kiran")
ctl 0 "${KIRAN[@]}" login +919800000010
code=$(sms_code +919800000010)
secret=$code
echo "(code read from the simulated SMS inbox)"
ctl 0 "${KIRAN[@]}" verify "$code"

step "Kiran's queue: BLR-1's active tickets, the most urgent SLA first"
ctl 0 "${KIRAN[@]}" staff tickets
expect_output "$number"

step "He takes it, starts on it, replies to Asha, leaves a note for his team, and fixes it"
ctl 0 "${KIRAN[@]}" staff tickets assign "$number"
ctl 0 "${KIRAN[@]}" staff tickets start "$number"
ctl 0 "${KIRAN[@]}" staff tickets comment "$number" "On my way with a new washer."
ctl 0 "${KIRAN[@]}" staff tickets comment "$number" "Washer stock is low: reorder." --internal
ctl 0 "${KIRAN[@]}" staff tickets resolve "$number"
expect_output "resolved"

step "Asha syncs: a notification for each step, each opening the ticket"
ctl 0 sync
ctl 0 notifications
expect_output "$number"
expect_output "Link: opens ticket $number"

step "Her ticket: resolved by Kiran, the SLA met, the timeline in BLR-1's time (no internal note)"
ctl 0 tickets show "$number"
expect_output "Kiran Das"
expect_output "On my way with a new washer."
expect_output "resolved"
expect_no_output "Washer stock is low"

if "$MEMBERSTUB_BIN" --list-routes | grep -qx 'POST /v1/staff/visitors/checkin'; then
    # visit_day: the next day BLR-1 is open (not Sunday, not Republic Day) after the
    # stub's today in Bengaluru, and that day's 10:05 IST in ms, as "DAY MS".
    read -r vday vday_ms <<<"$(curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(json.load(sys.stdin)["now_ms"] / 1000, ist).date()
day += datetime.timedelta(days=1)
while day.isoweekday() == 7 or day.isoformat() == "2027-01-26":
    day += datetime.timedelta(days=1)
at = datetime.datetime(day.year, day.month, day.day, 10, 5, tzinfo=ist)
print(day.isoformat(), int(at.timestamp() * 1000))')"

    step "Visitors: Asha invites Neha Sharma to BLR-1 on $vday, expected 10:00 to 12:00"
    ctl 0 visitors invite --name "Neha Sharma" --email neha@example.in --phone "+91 98111 22233" \
        --date "$vday" --from 10:00 --to 12:00
    expect_output "sent to the server and confirmed"
    expect_output "10:00–12:00 IST"
    visitor=$(grep -oE "vis_[0-9a-f]{32}" <<<"$ctl_out" | head -1)

    step "What Neha received: an email with the QR code, and an SMS with the entry code (the stub's test routes)"
    curl -s "$URL/v1/test/emails?to=neha@example.in" | python3 -c 'import base64, json, sys
mail = [e for e in json.load(sys.stdin)["emails"] if e["attachments"]][-1]
open(sys.argv[1], "wb").write(base64.b64decode(mail["attachments"][0]["content_base64"]))
print("email to %s\nsubject: %s\nattached: %s (%s)" % (mail["to"], mail["subject"], mail["attachments"][0]["filename"], mail["attachments"][0]["content_type"]))' \
        "$tmp/neha-qr.png"
    neha_payload=""
    if command -v zbarimg >/dev/null 2>&1; then
        neha_payload=$(zbarimg --raw -q "$tmp/neha-qr.png" 2>/dev/null | tr -d '\r\n')
        echo "zbarimg reads the attached QR code: a visitor code (${neha_payload%%|*}|crd_...)"
    fi
    curl -s "$URL/v1/test/sms?phone=%2B919811122233" | python3 -c 'import json, sys
for m in json.load(sys.stdin)["messages"]:
    print("SMS to %s: %s" % (m["phone"], m["body"]))'

    step "Asha chooses where her bookings notifications reach her: SMS on as well (push is on)"
    secret=demo-fcm-token-asha-phone
    secret_label="<this phone's push token>"
    ctl 0 push register "$secret"
    ctl 0 notifications prefs set bookings sms on
    expect_output "sent to the server and confirmed"
    ctl 0 notifications prefs
    expect_output "Visitor arrivals always reach you"

    step "The day of the visit: the stub's test clock moves to $vday 10:05 in Bengaluru"
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d "{\"now_ms\": $vday_ms}" >/dev/null
    echo "(server clock now $vday 10:05 IST)"

    if [ -n "$neha_payload" ]; then
        step "Neha shows the QR code from her email at the BLR-1 door (the stub's test door)"
        door_expect BLR-1 "$neha_payload" in "" "the door should let the invited visitor in"
    else
        step "Neha gives reception the code from her SMS; Kiran checks her in"
        ctl 0 "${KIRAN[@]}" staff visitors checkin "$visitor"
    fi

    step "Kiran at reception: BLR-1's visitors today"
    ctl 0 "${KIRAN[@]}" staff visitors
    expect_output "Neha Sharma"
    expect_output "host Asha Rao"
    expect_output "arrived"

    step "Asha syncs: \"Visitor waiting at reception\", and her visitor has arrived"
    ctl 0 sync
    ctl 0 notifications --unread
    expect_output "Visitor waiting at reception"
    expect_output "Neha Sharma is waiting for you at reception"
    expect_output "Link: opens visitor Neha Sharma"
    ctl 0 visitors --all
    expect_output "arrived"

    step "Where the alert went (GET /v1/test/deliveries): push and SMS as she chose, not email"
    deliveries=$(curl -s "$URL/v1/test/deliveries?phone=%2B919800000001&kind=visitor.arrived")
    python3 -c 'import json, sys
d = json.load(sys.stdin)["deliveries"]
for x in d:
    print("%-5s to %-28s %-5s %s: %s" % (x["channel"], x["to"] if x["channel"] != "push" else "(her phone)", x["status"], x["title"], x["body"]))
channels = sorted(x["channel"] for x in d)
sys.exit(0 if channels == ["push", "sms"] else 1)' <<<"$deliveries" || {
        echo "demo: the arrival should go out by push and SMS only" >&2
        exit 1
    }

    step "She has read them all: one write marks the inbox read as her phone has it"
    ctl 0 notifications read --all
    expect_output "sent to the server and confirmed"
    ctl 0 notifications --unread
    expect_output "Unread: 0"
fi

# desk_day: the first day from 2 to 20 days after the stub's today (its clock may have
# moved) on which BLR-1-D07 is free, by a quiet search of the local store.
desk_day() {
    local day
    for day in $(curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
now = json.load(sys.stdin)["now_ms"]
today = datetime.datetime.fromtimestamp(now / 1000, datetime.timezone.utc).date()
for n in range(2, 21):
    print((today + datetime.timedelta(days=n)).isoformat())'); do
        if "$MEMBERCTL_BIN" --json desks search --date "$day" 2>/dev/null | python3 -c '
import json, sys
sys.exit(0 if any(d["id"] == "BLR-1-D07" for d in json.load(sys.stdin)["desks"]) else 1)'; then
            printf '%s\n' "$day"
            return 0
        fi
    done
    echo "demo: no day with BLR-1-D07 free in the next 20 days" >&2
    return 1
}

step "Hot desks: Asha syncs, then looks for a desk with a monitor in the Window bay (local)"
ctl 0 sync
dday=$(desk_day)
ctl 0 desks search --date "$dday" --feature monitor --area "Window bay"
expect_output "BLR-1-D07"
expect_output "desk days left this month"
expect_output "IST"

step "She books BLR-1-D07 for $dday with one of her plan's desk days: confirmed at once"
ctl 0 desks book BLR-1-D07 --date "$dday" --pay plan
expect_output "confirmed by the server"
expect_output "check in at the door by 11:00 IST"
ctl 0 desks
expect_output "BLR-1-D07"

step "The same desk that day for Vikram (a dedicated desk of his own): refused, naming the rule (exit 2 is expected)"
ctl 0 "${VIKRAM_DEMO[@]}" login +919800000002
code=$(sms_code +919800000002)
secret=$code
secret_label="<the code from the SMS>"
ctl 0 "${VIKRAM_DEMO[@]}" verify "$code"
ctl 0 "${VIKRAM_DEMO[@]}" sync
ctl 2 "${VIKRAM_DEMO[@]}" desks book BLR-1-D07 --date "$dday" --pay credits
expect_output "forbidden"

if "$MEMBERSTUB_BIN" --list-routes | grep -qx 'POST /v1/test/offers'; then
    step "Announcements: her building's and everyone's, pinned first (local); she reads one"
    ctl 0 announcements
    announcement=$("$MEMBERCTL_BIN" --json announcements | python3 -c '
import json, sys
print([a["id"] for a in json.load(sys.stdin)["announcements"] if not a["read"]][0])')
    ctl 0 announcements read "$announcement"
    expect_output "sent to the server and confirmed"

    step "Offers for members at BLR-1 (local); she redeems the coffee one: the code comes from the server"
    ctl 0 offers
    offer=$("$MEMBERCTL_BIN" --json offers | python3 -c '
import json, sys
print([o["id"] for o in json.load(sys.stdin)["offers"] if o["partner"] == "Blue Tokai"][0])')
    ctl 0 offers redeem "$offer"
    expect_output "MCBLUE20"
    ctl 0 --server "$DEAD_URL" offers
    expect_output "your code: MCBLUE20"
fi

step "Her calendar as an iCalendar file (bookings, desk days, passes, events she is going to)"
ctl 0 calendar export --out "$tmp/asha.ics"
expect_output "Asia/Kolkata"
python3 - "$tmp/asha.ics" "$dday" <<'PY'
import sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [c for c in cal.walk("VEVENT")]
desk = [e for e in events if "BLR-1-D07" in str(e.get("SUMMARY"))]
print("read back with Python icalendar: %d entries, zones %s" % (
    len(events), ", ".join(str(z.get("TZID")) for z in cal.walk("VTIMEZONE"))))
for e in events:
    print("  %-32s %s" % (e.get("SUMMARY"), e.decoded("DTSTART")))
sys.exit(0 if desk and str(desk[0].decoded("DTSTART")) == sys.argv[2] else 1)
PY

step "Today again, as the day goes on: the desk day counted against her plan"
ctl 0 today
expect_output "Cabin 1019"
expect_output "Desk days: 7 of 8 left this month."

printf '\nDemo complete: Today, the sign-in, offline-first, meeting-room, day-pass, facility-ticket, visitor, desk, announcement, offer and calendar journeys worked.\n'
