#!/usr/bin/env bash
# tests/cli/test_memberctl.sh - memberctl as a user sees it: exit codes 0/1/2,
# the messages, one parseable JSON object per --json run, the session kept
# across processes and offline, never an OTP in the output; then offline-first
# sync: events, RSVPs and notifications read from the local store, writes
# queued while the server is unreachable, confirmed or rejected by a sync;
# meeting rooms; day passes quoted, bought and paid, their door QR code
# decoded (zbarimg) and scanned at the stub's test door; facility tickets and staff;
# notification preferences, the push token, visitors invited, arriving at the door and
# at reception, walk-ins, and the host's alerts on the channels she chose.
# Drives the binaries named by $MEMBERCTL and $MEMBERSTUB (a real stub on
# loopback).
# Prints one line per check and a final "N passed, M failed".
set -u

: "${MEMBERCTL:?set MEMBERCTL to the memberctl binary}"
: "${MEMBERSTUB:?set MEMBERSTUB to the memberstub binary}"

work=$(mktemp -d "${TMPDIR:-/tmp}/memberctl-cli.XXXXXX")
# Nothing from the caller's environment or home directory is used.
unset MEMBERCTL_SERVER MEMBERCTL_DATA_DIR
export XDG_DATA_HOME="$work/xdg"
stub_pid=""
URL=""
DATA="$work/data"
passed=0
failed=0
rc=0
out=""
err=""

stop_stub() {
    if [ -n "$stub_pid" ]; then
        kill "$stub_pid" 2>/dev/null
        wait "$stub_pid" 2>/dev/null
        stub_pid=""
    fi
}
cleanup() {
    stop_stub
    rm -rf "$work"
}
trap cleanup EXIT

# start_stub [ARGS...]: a memberstub in test mode on $work/stub.db, with ARGS
# (e.g. --clock-ms MS: its clock, and the seed of a new database, at MS).
start_stub() {
    rm -f "$work/port"
    "$MEMBERSTUB" --db "$work/stub.db" --port 0 --port-file "$work/port" --test-mode "$@" \
        >"$work/stub.log" 2>&1 &
    stub_pid=$!
    for _ in $(seq 100); do
        if [ -s "$work/port" ]; then
            URL="http://127.0.0.1:$(tr -d '[:space:]' <"$work/port")"
            return 0
        fi
        if ! kill -0 "$stub_pid" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    echo "FAIL memberstub starts and writes its port file; its log:"
    sed 's/^/     /' "$work/stub.log"
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
}

# capture CMD...: run CMD; sets rc, out and err.
capture() {
    "$@" >"$work/out" 2>"$work/err"
    rc=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
    cat "$work/out" "$work/err" >>"$work/all-output"
    note_sanitizer_reports
}

# run ARGS...: memberctl ARGS against the stub and $DATA.
run() {
    capture "$MEMBERCTL" --server "$URL" --data-dir "$DATA" "$@"
}

# offline ARGS...: memberctl ARGS on $DATA with the server unreachable.
offline() {
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$DATA" "$@"
}

# run_in DIR ARGS...: memberctl ARGS against the stub, another member's store.
run_in() {
    local dir=$1
    shift
    capture "$MEMBERCTL" --server "$URL" --data-dir "$dir" "$@"
}

# A loopback URL nothing listens on: the kernel's pick of a free port, freed.
DEAD_URL="http://127.0.0.1:$(python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')"

# In a sanitized build any ASan, LSan or UBSan report is a failure.
sanitizer_reports=0
note_sanitizer_reports() {
    if grep -qE 'Sanitizer|runtime error:' <<<"$err"; then
        sanitizer_reports=$((sanitizer_reports + 1))
        echo "sanitizer report from memberctl:"
        sed 's/^/     /' <<<"$err"
    fi
}

pass() {
    passed=$((passed + 1))
    echo "ok   $1"
}
# fail NAME WHAT: count a failure and show what was expected and what happened.
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    echo "     expected: $2"
    echo "     exit $rc"
    sed 's/^/     stdout: /' <<<"$out"
    sed 's/^/     stderr: /' <<<"$err"
}

# check NAME CONDITION: CONDITION is shell code over rc, out and err.
check() {
    if eval "$2"; then pass "$1"; else fail "$1" "$2"; fi
}

# check_json NAME EXIT PYTHON-EXPR: memberctl exited EXIT and its stdout is
# exactly one JSON object d for which PYTHON-EXPR holds.
check_json() {
    if [ "$rc" -eq "$2" ] && json "$3"; then pass "$1"; else fail "$1" "exit $2 and $3"; fi
}

out_has() { grep -qF -- "$1" <<<"$out"; }
err_has() { grep -qF -- "$1" <<<"$err"; }
# json PYTHON-EXPR: stdout is exactly one JSON object d for which EXPR holds.
json() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if isinstance(d, dict) and (eval(sys.argv[1])) else 1)' "$1" <<<"$out"
}

# json_lines PYTHON-EXPR: every line of stdout is a JSON object; EXPR holds
# for the list of them, ds.
json_lines() {
    python3 -c '
import json, sys
ds = [json.loads(line) for line in sys.stdin.read().splitlines()]
sys.exit(0 if ds and all(isinstance(d, dict) for d in ds) and (eval(sys.argv[1])) else 1)' \
        "$1" <<<"$out"
}

# json_get PYTHON-EXPR: print EXPR over the JSON object d on stdout.
json_get() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1" <<<"$out"
}

# sms_code E164: the code the stub "texted" (stands in for reading the SMS).
sms_code() {
    local q=${1/+/%2B}
    curl -s "$URL/v1/test/sms/latest?phone=$q" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])'
}

# A 6-digit code that is surely not $1.
wrong_code_for() {
    if [ "$1" = "000000" ]; then echo 111111; else echo 000000; fi
}

# sign_in_in DIR PHONE: sign the member in with a store of their own.
sign_in_in() {
    run_in "$1" login "$2"
    run_in "$1" verify "$(sms_code "$2")"
}

start_stub

# --- help and usage errors: exit 1, message names the problem ----------------
run --help
check "--help exits 0 and lists the commands" \
    '[ $rc -eq 0 ] && out_has "usage: memberctl" && out_has "login" && out_has "whoami"'
run help
check "help exits 0" '[ $rc -eq 0 ] && out_has "Commands:"'
for c in login verify profile intent whoami logout sync status outbox events rsvp notifications \
    read rooms pay-booking bookings cancel credits passes pay invoices qr membership buildings \
    tickets visitors push staff; do
    run "$c" --help
    check "$c --help exits 0 with its usage" "[ \$rc -eq 0 ] && out_has 'usage: memberctl $c'"
done
run help intent
check "help intent shows the intent options" '[ $rc -eq 0 ] && out_has "--budget"'
run
check "no command exits 1" '[ $rc -eq 1 ] && err_has "missing COMMAND" && [ -z "$out" ]'
run frobnicate
check "unknown command exits 1 naming it" '[ $rc -eq 1 ] && err_has "frobnicate"'
run --json frobnicate
check_json "unknown command with --json prints a usage error object" 1 \
    "d['error']['code'] == 'usage'"
capture "$MEMBERCTL" --bogus whoami
check "unknown global option exits 1 naming it" '[ $rc -eq 1 ] && err_has "--bogus"'
run whoami --bogus
check "unknown command option exits 1 naming it" \
    '[ $rc -eq 1 ] && err_has "--bogus" && err_has "usage: memberctl whoami"'
run login
check "login without PHONE exits 1" '[ $rc -eq 1 ] && err_has "PHONE"'
run verify
check "verify without CODE exits 1" '[ $rc -eq 1 ] && err_has "CODE"'
run profile --name "Ravi Kumar" --email ravi@example.in
check "profile without --company exits 1 naming it" '[ $rc -eq 1 ] && err_has "--company"'
run profile --name --email ravi@example.in
check "profile --name without a value exits 1 naming it" '[ $rc -eq 1 ] && err_has "--name"'
run intent
check "intent without a kind exits 1" '[ $rc -eq 1 ]'
run intent hot-desk
check "unknown intent exits 1 naming it" '[ $rc -eq 1 ] && err_has "hot-desk"'
run intent private-office --industry Fintech --employees 12 --timeline soon --budget abc
check "junk --budget exits 1 naming the option" '[ $rc -eq 1 ] && err_has "--budget"'
run intent private-office --industry Fintech --employees 12 --timeline soon --budget 5.555
check "a budget with 3 decimals exits 1 naming the option" '[ $rc -eq 1 ] && err_has "--budget"'
run intent virtual-office --industry Fintech --employees twelve --timeline soon --budget 5000
check "junk --employees exits 1 naming the option" '[ $rc -eq 1 ] && err_has "--employees"'
run intent private-office --industry Fintech --employees 12 --budget 5000
check "office intent without --timeline exits 1 naming it" '[ $rc -eq 1 ] && err_has "--timeline"'
run intent on-demand --industry Fintech
check "on-demand with office options exits 1 naming the option" \
    '[ $rc -eq 1 ] && err_has "--industry"'
run --help
check "--help lists the sync and community commands" \
    'out_has "sync" && out_has "status" && out_has "outbox" && out_has "events" && out_has "rsvp" && out_has "notifications" && out_has "read "'
run help sync
check "help sync shows --watch and --seconds" '[ $rc -eq 0 ] && out_has "--watch" && out_has "--seconds"'
run sync --seconds 5
check "sync --seconds without --watch exits 1" '[ $rc -eq 1 ] && err_has "--watch"'
run sync --watch --seconds soon
check "sync --watch with junk --seconds exits 1 naming it" '[ $rc -eq 1 ] && err_has "--seconds"'
run sync now
check "sync with a stray word exits 1 naming it" '[ $rc -eq 1 ] && err_has "now"'
run status --bogus
check "status with an unknown option exits 1" '[ $rc -eq 1 ] && err_has "--bogus"'
run outbox frob
check "outbox with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'
run outbox dismiss
check "outbox dismiss without an id exits 1" '[ $rc -eq 1 ] && err_has "MUTATION_ID"'
run outbox dismiss seven
check "outbox dismiss with a junk id exits 1 naming it" '[ $rc -eq 1 ] && err_has "seven"'
run events --upcoming
check "events with an unknown option exits 1 naming it" '[ $rc -eq 1 ] && err_has "--upcoming"'
run rsvp
check "rsvp without EVENT_ID exits 1" '[ $rc -eq 1 ] && err_has "EVENT_ID"'
run rsvp EVT-BLR-DIWALI
check "rsvp without an answer exits 1" '[ $rc -eq 1 ] && err_has "going or not-going"'
run rsvp EVT-BLR-DIWALI maybe
check "rsvp with an unknown answer exits 1 naming it" '[ $rc -eq 1 ] && err_has "maybe"'
run --json rsvp EVT-BLR-DIWALI maybe
check_json "rsvp usage error with --json prints a usage error object" 1 \
    "d['error']['code'] == 'usage' and 'maybe' in d['error']['message']"
run read
check "read without NOTIFICATION_ID exits 1" '[ $rc -eq 1 ] && err_has "NOTIFICATION_ID"'
run notifications --unread --unread
check "notifications --unread twice exits 1" '[ $rc -eq 1 ] && err_has "given twice"'
run --help
check "--help lists the meeting-room commands" \
    'out_has "rooms" && out_has "pay-booking" && out_has "bookings" && out_has "cancel" && out_has "credits"'
run help rooms
check "help rooms shows search and book with their options" \
    '[ $rc -eq 0 ] && out_has "rooms search --date" && out_has "rooms book ROOM" && out_has "--amenity" && out_has "--guest" && out_has "--pay credits"'
run rooms search --help
check "rooms search --help exits 0 with the rooms usage" '[ $rc -eq 0 ] && out_has "usage: memberctl rooms"'
run help bookings
check "help bookings says the times are the building's local time" '[ $rc -eq 0 ] && out_has "local time" && out_has "16:00 to 17:00 IST"'
run rooms
check "rooms without a subcommand exits 1" '[ $rc -eq 1 ] && err_has "search or book"'
run rooms list
check "rooms with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "list"'
run rooms search
check "rooms search without --date exits 1 naming it" '[ $rc -eq 1 ] && err_has "--date"'
run rooms search --date 2027-02-30
check "rooms search with an impossible date exits 1 naming --date" \
    '[ $rc -eq 1 ] && err_has "--date" && err_has "2027-02-30"'
run rooms search --date 2027-03-01 --from 9
check "rooms search with a junk --from exits 1 naming it" '[ $rc -eq 1 ] && err_has "--from"'
run rooms search --date 2027-03-01 --from 12:00 --to 10:00
check "rooms search with --from after --to exits 1" '[ $rc -eq 1 ] && err_has "--from"'
run rooms search --date 2027-03-01 --capacity many
check "rooms search with a junk --capacity exits 1 naming it" '[ $rc -eq 1 ] && err_has "--capacity"'
run rooms book
check "rooms book without ROOM exits 1" '[ $rc -eq 1 ] && err_has "ROOM"'
run rooms book BLR-1-BOARD --date 2027-03-01 --pay credits
check "rooms book without --start exits 1 naming it" '[ $rc -eq 1 ] && err_has "--start"'
run rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00
check "rooms book without --pay exits 1 naming it" '[ $rc -eq 1 ] && err_has "--pay"'
run rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00 --pay cash
check "rooms book with an unknown --pay exits 1 naming it" '[ $rc -eq 1 ] && err_has "cash"'
run rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00 --hours two --pay credits
check "rooms book with a junk --hours exits 1 naming it" '[ $rc -eq 1 ] && err_has "--hours"'
run rooms book BLR-1-BOARD --date 2027-03-01 --start 10 --pay credits
check "rooms book with a junk --start exits 1 naming it" '[ $rc -eq 1 ] && err_has "--start"'
for g in "Ravi" "ravi@example.in" "Ravi <ravi@example.in" "<ravi@example.in>" "Ravi <ravi> x" \
    "Ravi <ravi@example.in>, Meera <meera@example.in>"; do
    run rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00 --pay credits --guest "$g"
    check "rooms book --guest '$g' exits 1 naming --guest" \
        '[ $rc -eq 1 ] && err_has "--guest" && err_has "Name <email>"'
done
run --json rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00 --pay credits --guest Ravi
check_json "a --guest usage error with --json prints a usage error object" 1 \
    "d['error']['code'] == 'usage' and '--guest' in d['error']['message']"
guests=()
for i in $(seq 21); do guests+=(--guest "Guest $i <guest$i@example.in>"); done
run rooms book BLR-1-BOARD --date 2027-03-01 --start 10:00 --pay credits "${guests[@]}"
check "rooms book with 21 guests exits 1 (at most 20)" \
    '[ $rc -eq 1 ] && err_has "--guest" && err_has "20"'
run bookings now
check "bookings with a stray word exits 1 naming it" '[ $rc -eq 1 ] && err_has "now"'
run cancel
check "cancel without BOOKING_ID exits 1" '[ $rc -eq 1 ] && err_has "BOOKING_ID"'
run credits --all
check "credits with an unknown option exits 1 naming it" '[ $rc -eq 1 ] && err_has "--all"'
run pay-booking
check "pay-booking without BOOKING_ID exits 1" '[ $rc -eq 1 ] && err_has "BOOKING_ID"'
run pay-booking bk_1 --order order_1 --payment pay_1
check "pay-booking without --signature exits 1 naming it" '[ $rc -eq 1 ] && err_has "--signature"'
run --help
check "--help lists the day-pass and billing commands" \
    'out_has "passes" && out_has "pay " && out_has "invoices" && out_has "qr " && out_has "membership"'
run --help
check "--help lists buildings" 'out_has "buildings "'
run buildings --help
check "buildings --help exits 0 with its usage, the fields and the JSON shape" \
    '[ $rc -eq 0 ] && out_has "usage: memberctl buildings" && out_has "open 24 hours" && out_has "day_pass_price"'
run help passes
check "help passes shows list, quote and buy, the PASS shapes and cart_invalid" \
    '[ $rc -eq 0 ] && out_has "passes quote --building B PASS..." && out_has "passes buy --building B PASS..." && out_has "DATE:Name <email>" && out_has "cart_invalid"'
run passes quote 2027-03-01
check "passes quote without --building exits 1 naming it" '[ $rc -eq 1 ] && err_has "--building"'
run passes quote --building BLR-1
check "passes quote without a PASS exits 1" '[ $rc -eq 1 ] && err_has "missing PASS"'
for pass in 2027-02-30 "2027-03-01:Ravi" "2027-03-01 Ravi <ravi@example.in>" "Ravi <ravi@example.in>" \
    tomorrow; do
    run passes quote --building BLR-1 2027-03-01 "$pass"
    check "passes quote with the pass '$pass' exits 1 naming it and the shapes" \
        '[ $rc -eq 1 ] && err_has "pass 2:" && err_has "$pass" && err_has "DATE:Name <email>"'
done
many=()
for i in $(seq 51); do many+=("2027-03-01:Guest $i <guest$i@example.in>"); done
run passes buy --building BLR-1 "${many[@]}"
check "passes buy with 51 passes exits 1 (a cart holds 1 to 50)" '[ $rc -eq 1 ] && err_has "1 to 50"'
run --json passes quote --building BLR-1 2027-13-01
check_json "a passes usage error with --json prints a usage error object" 1 \
    "d['error']['code'] == 'usage' and '2027-13-01' in d['error']['message']"
run passes refund
check "passes with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "refund"'
run passes list now
check "passes list with a stray word exits 1 naming it" '[ $rc -eq 1 ] && err_has "now"'
run pay
check "pay without INVOICE_ID or the checkout options exits 1" \
    '[ $rc -eq 1 ] && err_has "INVOICE_ID" && err_has "--order"'
run pay inv_1 --order order_1 --payment pay_1 --signature sig
check "pay with INVOICE_ID and the checkout options exits 1 (one or the other)" \
    '[ $rc -eq 1 ] && err_has "not both"'
run pay --order order_1 --payment pay_1
check "pay --order without --signature exits 1 naming it" '[ $rc -eq 1 ] && err_has "--signature"'
run pay --signature sig
check "pay --signature alone exits 1 naming --order" '[ $rc -eq 1 ] && err_has "--order"'
run invoices --all
check "invoices with an unknown option exits 1 naming it" '[ $rc -eq 1 ] && err_has "--all"'
run membership now
check "membership with a stray word exits 1 naming it" '[ $rc -eq 1 ] && err_has "now"'
run buildings BLR-1
check "buildings with an extra argument exits 1 naming it" \
    '[ $rc -eq 1 ] && err_has "BLR-1" && err_has "usage: memberctl buildings"'
run --json buildings BLR-1
check_json "buildings with an extra argument and --json prints a usage error object" 1 \
    "d['error']['code'] == 'usage' and 'BLR-1' in d['error']['message']"
run qr
check "qr without an id exits 1" '[ $rc -eq 1 ] && err_has "CREDENTIAL_OR_PASS_ID"'
run qr pss_1 --scale 4
check "qr --scale without --out exits 1" '[ $rc -eq 1 ] && err_has "--scale" && err_has "--out"'
for scale in 0 65 big; do
    run qr pss_1 --out "$work/x.png" --scale "$scale"
    check "qr --scale $scale exits 1 naming it" '[ $rc -eq 1 ] && err_has "--scale" && err_has "64"'
done
run qr pss_1 --out "$work/x.png" --invert
check "qr --invert with --out exits 1" '[ $rc -eq 1 ] && err_has "--invert"'

# --- visitors, notification preferences, push: usage errors name the problem ---
run help visitors
check "help visitors: invite, --again, cancel, approve, the window and the JSON shape" \
    '[ $rc -eq 0 ] && out_has "visitors invite --name N --email E" && out_has "--again VISITOR_ID" && out_has "approve|decline" && out_has "--from HH:MM --to HH:MM" && out_has "Mon 7 Dec" && out_has "\"checked_in_by\""'
run visitors invite --email ravi@example.in --date 2027-03-01
check "visitors invite without --name exits 1 naming it" '[ $rc -eq 1 ] && err_has "--name"'
run visitors invite --name "Ravi Kumar" --date 2027-03-01
check "visitors invite without --email exits 1 naming it" '[ $rc -eq 1 ] && err_has "--email"'
run visitors invite --name "Ravi Kumar" --email ravi@example.in
check "visitors invite without --date exits 1 naming it" '[ $rc -eq 1 ] && err_has "--date"'
run visitors invite --name "Ravi Kumar" --email ravi@example.in --date 2027-02-30
check "visitors invite with an impossible date exits 1 naming it" \
    '[ $rc -eq 1 ] && err_has "--date" && err_has "2027-02-30"'
run visitors invite --name "Ravi Kumar" --email ravi@example.in --date 2027-03-01 --from 10:00
check "visitors invite with --from but no --to exits 1 asking for both" \
    '[ $rc -eq 1 ] && err_has "--from" && err_has "--to" && err_has "or neither"'
run visitors invite --name "Ravi Kumar" --email ravi@example.in --date 2027-03-01 --from 12:00 --to 10:00
check "visitors invite with --from after --to exits 1" '[ $rc -eq 1 ] && err_has "--from" && err_has "before"'
run visitors invite --name "Ravi Kumar" --email ravi@example.in --date 2027-03-01 --from 9 --to 10:00
check "visitors invite with a junk --from exits 1 naming it" '[ $rc -eq 1 ] && err_has "--from" && err_has "HH:MM"'
run visitors invite --again vis_1 --name "Ravi Kumar" --date 2027-03-01
check "visitors invite --again with --name exits 1 (they are copied)" \
    '[ $rc -eq 1 ] && err_has "--name" && err_has "copied"'
run --json visitors invite --again vis_1
check_json "visitors invite --again without --date: a usage error object naming --date" 1 \
    "d['error']['code'] == 'usage' and '--date' in d['error']['message']"
run visitors frob
check "visitors with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'
for sub in show cancel approve decline; do
    run visitors "$sub"
    check "visitors $sub without an id exits 1" '[ $rc -eq 1 ] && err_has "VISITOR_ID"'
done
run visitors --soon
check "visitors with an unknown option exits 1 naming it" '[ $rc -eq 1 ] && err_has "--soon"'
run notifications prefs set billing
check "prefs set without a channel exits 1 naming what is missing" '[ $rc -eq 1 ] && err_has "CHANNEL"'
run notifications prefs set bills push on
check "prefs set with an unknown category exits 1 naming it and the choices" \
    '[ $rc -eq 1 ] && err_has "bills" && err_has "bookings"'
run notifications prefs set other push on
check "prefs set of the 'other' category exits 1 (nothing is sent in it)" '[ $rc -eq 1 ] && err_has "other"'
run notifications prefs set billing fax on
check "prefs set with an unknown channel exits 1 naming it" '[ $rc -eq 1 ] && err_has "fax"'
run notifications prefs set billing push maybe
check "prefs set with neither on nor off exits 1 naming it" '[ $rc -eq 1 ] && err_has "maybe" && err_has "on or off"'
for q in 22:00 22:00-22:00 "22:00 - 07:00" 22:00-24:00 late; do
    run notifications prefs quiet "$q"
    check "prefs quiet '$q' exits 1 naming it and the shape" \
        '[ $rc -eq 1 ] && err_has "$q" && err_has "HH:MM-HH:MM"'
done
run notifications prefs frob
check "notifications prefs with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'
run read --all ntf_1
check "read with an id and --all exits 1 (one or the other)" '[ $rc -eq 1 ] && err_has "not both"'
run read --category billing
check "read --category without --all exits 1" '[ $rc -eq 1 ] && err_has "--all"'
run notifications read --all --category bills
check "notifications read --all --category bills exits 1 naming it" '[ $rc -eq 1 ] && err_has "bills"'
run push
check "push without a subcommand exits 1" '[ $rc -eq 1 ] && err_has "register"'
run push register
check "push register without TOKEN exits 1" '[ $rc -eq 1 ] && err_has "TOKEN"'
run push register tok-1 --provider gcm
check "push register with an unknown provider exits 1 naming it" '[ $rc -eq 1 ] && err_has "gcm"'
run push unregister now
check "push unregister with a stray word exits 1 naming it" '[ $rc -eq 1 ] && err_has "now"'
run staff visitors --date 2027-13-01
check "staff visitors with a bad --date exits 1 naming it" '[ $rc -eq 1 ] && err_has "--date"'
run staff visitors checkin
check "staff visitors checkin without a visitor exits 1" '[ $rc -eq 1 ] && err_has "VISITOR"'
run staff visitors walk-in --name "Ravi Kumar"
check "staff visitors walk-in without --host exits 1 naming it" '[ $rc -eq 1 ] && err_has "--host"'
run staff visitors walk-in --host +919800000001
check "staff visitors walk-in without --name exits 1 naming it" '[ $rc -eq 1 ] && err_has "--name"'
run staff visitors frob
check "staff visitors with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'

# --- signed out --------------------------------------------------------------
run whoami
check "whoami before signing in exits 2 unauthorized" \
    '[ $rc -eq 2 ] && err_has "memberctl: unauthorized:" && [ -z "$out" ]'
run --json whoami
check_json "whoami --json before signing in prints the error object" 2 \
    "d['error']['code'] == 'unauthorized' and d['error']['status'] == 7"
capture "$MEMBERCTL" --server "$URL" whoami
check "without --data-dir the store is \$XDG_DATA_HOME/membercore" \
    '[ $rc -eq 2 ] && err_has "unauthorized" && [ -d "$XDG_DATA_HOME/membercore" ]'
run login 12345
check "an invalid phone exits 2 invalid_argument" '[ $rc -eq 2 ] && err_has "invalid_argument"'
run --json status
check_json "status signed out: signed_out, never synced, nothing queued" 0 \
    "d['status']['state'] == 'signed_out' and d['status']['last_sync'] is None and d['status']['queue_depth'] == 0"
run status
check "status signed out says how to sign in" \
    '[ $rc -eq 0 ] && out_has "signed_out" && out_has "never" && out_has "memberctl login"'
run sync
check "sync signed out exits 2 unauthorized" '[ $rc -eq 2 ] && err_has "memberctl: unauthorized:"'
run --json sync
check_json "sync --json signed out prints the report and the error in one object" 2 \
    "d['error']['code'] == 'unauthorized' and d['report']['pushed'] == 0"
for c in events notifications outbox visitors "notifications prefs" "visitors show vis_1" \
    "notifications prefs set bookings sms on" "read --all" "push register tok-1" "push unregister" \
    "visitors invite --name Ravi --email ravi@example.in --date 2027-03-01"; do
    # shellcheck disable=SC2086 # the words of $c are the command's
    run $c
    check "$c signed out exits 2 unauthorized" '[ $rc -eq 2 ] && err_has "unauthorized"'
done
run rsvp EVT-BLR-DIWALI going
check "rsvp signed out exits 2 unauthorized" '[ $rc -eq 2 ] && err_has "unauthorized"'
for c in bookings credits "rooms search --date 2027-03-01" \
    "rooms search --date 2027-03-01 --building BLR-1" "cancel bk_1" passes invoices membership buildings \
    "passes quote --building BLR-1 2027-03-01" "qr pss_1"; do
    # shellcheck disable=SC2086 # the words of $c are the command's
    run $c
    check "$c signed out exits 2 unauthorized" '[ $rc -eq 2 ] && err_has "unauthorized"'
done

# --- numbers the plans refuse: no code is sent ---------------------------------
for bad in "+1 555 0100" "+44 20 7946 0018" "+91 20 2612 3456"; do
    run login "$bad"
    check "login $bad is refused before any code is sent" \
        '[ $rc -eq 2 ] && err_has "invalid_argument: phone is" && ! out_has "Code sent"'
done

# --- a new user: login, a wrong code, verify, profile, on-demand -------------
run login +91 98765 43210
check "login of a new number (typed with spaces) says so" \
    '[ $rc -eq 0 ] && out_has "+919876543210" && out_has "New number: you will create an account" && out_has "Code sent; expires in 5 min; resend in 30 s"'
code=$(sms_code +919876543210)
check "the stub texted a 6-digit code" '[[ "$code" =~ ^[0-9]{6}$ ]]'
check "login never prints the code" '! out_has "$code" && ! err_has "$code"'

run --json login 9876543210
check_json "a second code within 30 s exits 2 otp_rate_limited with retry_after_s" 2 \
    "d['error']['code'] == 'otp_rate_limited' and d['error']['retry_after_s'] > 0"
check "the rate-limit message says when to retry, once, in words" \
    'err_has "try again in" && err_has " s" && ! err_has "retry in" && [ "$(grep -o "again in" <<<"$err" | wc -l)" -eq 1 ]'

run verify "$(wrong_code_for "$code")"
check "a wrong code exits 2 otp_wrong, saying how many attempts remain" \
    '[ $rc -eq 2 ] && err_has "memberctl: otp_wrong:" && err_has "attempt"'
run --json verify "$(wrong_code_for "$code")"
check_json "a wrong code with --json prints the otp_wrong object" 2 \
    "d['error']['code'] == 'otp_wrong' and d['error']['status'] == 8"

run --json verify "$code"
check_json "verify signs in a new user (JSON account)" 0 \
    "d['new_user'] is True and d['account']['phone'] == '+919876543210' and d['account']['profile_complete'] is False and isinstance(d['account']['roles'], list)"
check "verify never prints the code" '! out_has "$code" && ! err_has "$code"'

capture env MEMBERCTL_DATA_DIR="$DATA" "$MEMBERCTL" --server "$URL" whoami
check "the session survives a new process (MEMBERCTL_DATA_DIR)" \
    '[ $rc -eq 0 ] && out_has "Signed in as +919876543210"'

run profile --name "Ravi Kumar" --email ravi@example.in --company "Kumar Labs" --city Pune
check "profile saves and creates the lead" \
    '[ $rc -eq 0 ] && out_has "Profile saved" && out_has "Ravi Kumar" && out_has "status new"'
run --json whoami
check_json "whoami --json shows the lead and the lead role" 0 \
    "d['account']['lead']['status'] == 'new' and 'lead' in d['account']['roles'] and d['account']['profile_complete'] is True and d['account']['membership'] is None"

run --json intent on-demand
check_json "intent on-demand grants ondemanduser" 0 \
    "d['account']['intent'] == 'on_demand' and 'ondemanduser' in d['account']['roles']"
run whoami --refresh
check "whoami --refresh exits 0" '[ $rc -eq 0 ] && out_has "ondemanduser"'

run logout
check "logout exits 0" '[ $rc -eq 0 ] && out_has "Signed out"'
run whoami
check "whoami after logout exits 2 unauthorized" '[ $rc -eq 2 ] && err_has "unauthorized"'

# --- a second new user: private office with a budget in rupees --------------
run login 98765-43211
code=$(sms_code +919876543211)
run verify "$code"
check "a second new number signs in" '[ $rc -eq 0 ] && out_has "+919876543211"'
run profile --name "Meera Iyer" --email meera@example.in --company "Iyer & Co" --city Chennai
run --json intent private-office --industry Fintech --employees 12 --timeline "within 3 months" --budget 50000.50
check_json "private-office records the details; 50000.50 rupees is 5000050 paise, shown as ₹50,000.50" 0 \
    "d['account']['intent'] == 'private_office' and d['account']['lead']['budget'] == {'minor': 5000050, 'currency': 'INR', 'text': '₹50,000.50'} and d['account']['lead']['employees'] == 12 and d['account']['lead']['industry'] == 'Fintech'"
run whoami
check "whoami shows the budget with the rupee sign, never Rs" \
    '[ $rc -eq 0 ] && out_has "budget ₹50,000.50 per month" && ! out_has "Rs"'
run intent on-demand
check "on-demand after a private office keeps the office needs, and says so" \
    '[ $rc -eq 0 ] && out_has "Intent:   on_demand" && out_has "ondemanduser" && out_has "Fintech, 12 employees" && out_has "budget ₹50,000.50 per month (kept from the office intent)"'
run --json intent private-office --industry Fintech --employees 12 --timeline "within 3 months" --budget "2000 GBP"
check_json "a budget in pounds keeps its currency" 0 \
    "d['account']['lead']['budget'] == {'minor': 200000, 'currency': 'GBP', 'text': '£2,000.00'}"
run intent private-office --industry Fintech --employees 12 --timeline soon --budget "2000 pounds"
check "a budget with a currency that is no ISO 4217 code exits 1 naming the option" \
    '[ $rc -eq 1 ] && err_has "--budget"'
run --json logout
check_json "logout --json prints one object" 0 \
    "d['signed_out'] is True"

# --- the seeded member Asha Rao ----------------------------------------------
run login +919800000001
check "a registered number is welcomed back" '[ $rc -eq 0 ] && out_has "Welcome back"'
code=$(sms_code +919800000001)
run verify "$code"
check "Asha signs in" '[ $rc -eq 0 ] && out_has "Asha Rao" && ! out_has "Next: memberctl profile"'
run --json whoami
check_json "Asha is a member in Cabin 1019" 0 \
    "'member' in d['account']['roles'] and d['account']['membership']['seat'] == 'Cabin 1019'"


# --- offline-first: sync, events, RSVPs, notifications -------------------------
run --json status
check_json "status before the first sync: never synced, nothing queued" 0 \
    "d['status']['last_sync'] is None and d['status']['queue_depth'] == 0 and d['status']['state'] != 'signed_out'"
run events --all
check "events before the first sync points to sync" \
    '[ $rc -eq 0 ] && out_has "No events" && out_has "memberctl sync"'
run sync
check "the first sync pulls Asha's data and says what changed" \
    '[ $rc -eq 0 ] && out_has "Synced." && out_has "pulled" && out_has "event" && out_has "notification" && out_has "Reset:"'
run --json status
check_json "status after the sync: idle, a last sync time, no error" 0 \
    "d['status']['state'] == 'idle' and d['status']['last_sync'].endswith('Z') and d['status']['queue_depth'] == 0 and d['status']['last_error'] is None"
run status
check "status shows the last sync in the member's building time (IST), not UTC" \
    '[ $rc -eq 0 ] && grep -qE "Last sync: +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} IST" <<<"$out"'
run events --all
check "events lists the seeded events with going/capacity and Asha's RSVP" \
    '[ $rc -eq 0 ] && out_has "EVT-BLR-NETWORKING  Networking Hour" && out_has "EVT-BLR-FIRESIDE" && out_has "1/2 going" && out_has "my RSVP: going" && grep -qE "BLR-1, [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} to [0-9]{2}:[0-9]{2} IST" <<<"$out" && ! out_has "UTC"'
run --json events --all
check_json "events --json: Asha going to Networking Hour, confirmed, UTC and local ISO-8601 times" 0 \
    "any(e['id'] == 'EVT-BLR-NETWORKING' and e['my_rsvp'] == 'going' and e['pending'] is False and e['starts_at'].endswith('Z') and e['starts_at_local'].endswith('+05:30') and e['starts_at_zone'] == 'IST' and e['building_id'] == 'BLR-1' for e in d['events'])"
run events
check "events (from now) exits 0" '[ $rc -eq 0 ]'
run --json events --all
check_json "events --all lists every building's events, Asha's own (BLR-1) first" 0 \
    "len({e['building_id'] for e in d['events']}) == 3 and [e['building_id'] for e in d['events']] == sorted([e['building_id'] for e in d['events']], key=lambda b: b != 'BLR-1')"
run events --all
check "events --all says her building comes first" '[ $rc -eq 0 ] && out_has "BLR-1'"'"'s first" && out_has "EVT-LON-SOCIAL"'
run --json events
check_json "events (upcoming) shows only her own building's" 0 \
    "all(e['building_id'] == 'BLR-1' for e in d['events'])"
run events
check "events says how many more other buildings have" \
    '[ $rc -eq 0 ] && ! out_has "EVT-LON-SOCIAL" && out_has "more in other buildings: memberctl events --all"'

# An RSVP with the server unreachable: recorded at once, pending, queued.
offline rsvp EVT-BLR-DIWALI going
check "rsvp offline is saved and queued" \
    '[ $rc -eq 0 ] && out_has "queued" && out_has "will sync when online" && out_has "(pending)"'
offline events --all
check "events offline shows the RSVP as pending" \
    '[ $rc -eq 0 ] && grep -A1 "EVT-BLR-DIWALI" <<<"$out" | grep -qF "my RSVP: going (pending)"'
offline --json events --all
check_json "events --json offline: pending, counted in going_count" 0 \
    "[(e['my_rsvp'], e['pending'], e['going_count']) for e in d['events'] if e['id'] == 'EVT-BLR-DIWALI'] == [('going', True, 1)]"
offline outbox
check "outbox lists the pending rsvp.set" \
    '[ $rc -eq 0 ] && out_has "rsvp.set" && out_has "EVT-BLR-DIWALI" && out_has "pending" && out_has "memberctl sync"'
offline --json outbox
check_json "outbox --json: one pending rsvp.set with its payload" 0 \
    "len(d['outbox']) == 1 and d['outbox'][0]['kind'] == 'rsvp.set' and d['outbox'][0]['entity_id'] == 'EVT-BLR-DIWALI' and d['outbox'][0]['state'] == 'pending' and d['outbox'][0]['payload']['status'] == 'going'"
offline sync
check "sync offline exits 2 offline and keeps the RSVP queued" \
    '[ $rc -eq 2 ] && err_has "memberctl: offline:" && out_has "still queued" && out_has "Pushed 0"'
offline --json sync
check_json "sync --json offline: the error, the report and the queue in one object" 2 \
    "d['error']['code'] == 'offline' and d['report']['pushed'] == 0 and d['status']['queue_depth'] == 1"
offline --json outbox
check_json "outbox keeps the failed attempts and the offline error with the RSVP" 0 \
    "d['outbox'][0]['state'] == 'pending' and d['outbox'][0]['attempts'] >= 1 and d['outbox'][0]['error']['code'] == 'offline'"
offline --json status
check_json "status (a new process) after the failed sync: one queued, the queue error offline" 0 \
    "d['status']['queue_depth'] == 1 and d['queue_error']['code'] == 'offline' and d['status']['last_sync'] is not None"
offline status
check "status says what is queued, why it failed and how to send it" \
    '[ $rc -eq 0 ] && out_has "1 change not yet accepted" && grep -qE "Queue error: +offline" <<<"$out" && out_has "memberctl sync"'
run sync
check "sync online pushes the RSVP" '[ $rc -eq 0 ] && out_has "Pushed 1, rejected 0"'
run --json events --all
check_json "events after the sync: the RSVP is confirmed" 0 \
    "[(e['my_rsvp'], e['pending']) for e in d['events'] if e['id'] == 'EVT-BLR-DIWALI'] == [('going', False)]"
run outbox
check "outbox is empty once the server confirmed" '[ $rc -eq 0 ] && out_has "The outbox is empty"'
run --json status
check_json "status after: nothing queued, no error" 0 \
    "d['status']['queue_depth'] == 0 and d['status']['last_error'] is None and d['queue_error'] is None"

# Notifications: read offline, confirmed by the next sync.
run notifications
check "notifications shows unread counts per category and the inbox" \
    '[ $rc -eq 0 ] && out_has "Unread: 3 (billing 0, support 0, bookings 1, events 1, announcements 1, other 0)" && out_has "ntf_5eed000000000101" && out_has "Visitor waiting at reception"'
run --json notifications
check_json "notifications --json: 6 for Asha (her Focus Room's payment among them), 3 unread" 0 \
    "len(d['notifications']) == 6 and [n['body'] for n in d['notifications'] if n['id'] == 'ntf_5eed000000000106'][0].startswith('We received ₹708.00 for invoice INV-') and d['unread_total'] == 3 and d['unread_by_category']['bookings'] == 1 and d['notifications'][0]['created_at'].endswith('Z') and all(n['created_at_local'].endswith('+05:30') and n['created_at_zone'] == 'IST' for n in d['notifications'])"
check_json "notifications --json: where each link leads, in words" 0 \
    "[(n['link_kind'], n['link_id'], n['link_text']) for n in d['notifications'] if n['link_kind'] == 'event'] == [('event', 'EVT-BLR-NETWORKING', 'opens event Networking Hour')] and [n['link_text'].startswith('opens invoice INV-') and n['link_id'].startswith('inv_') for n in d['notifications'] if n['link_kind'] == 'invoice'] == [True, True] and all(n['link_kind'] == 'none' and n['link_text'] == '' for n in d['notifications'] if not n['deep_link'])"
run notifications
check "the inbox shows each body and where its link leads" \
    '[ $rc -eq 0 ] && out_has "Rahul Mehta is waiting for you at the BLR-1 front desk." && out_has "Link: opens invoice INV-" && out_has "(membercore://billing/invoices/" && out_has "Link: opens event Networking Hour"'
offline read ntf_5eed000000000101
check "read offline is saved and queued" '[ $rc -eq 0 ] && out_has "queued" && out_has "will sync when online"'
offline --json notifications --unread
check_json "notifications --unread: the one read is gone, 2 unread left" 0 \
    "d['unread_total'] == 2 and len(d['notifications']) == 2 and all(not n['read'] for n in d['notifications']) and 'ntf_5eed000000000101' not in [n['id'] for n in d['notifications']]"
offline notifications
check "notifications shows the read as pending" \
    '[ $rc -eq 0 ] && grep "ntf_5eed000000000101" <<<"$out" | grep -qF "read (pending)"'
run --json sync
check_json "sync --json pushes the read" 0 \
    "d['report']['pushed'] == 1 and d['report']['rejected'] == 0 and d['rejected_mutations'] == [] and d['status']['queue_depth'] == 0"
run --json notifications
check_json "the read is confirmed" 0 \
    "[(n['read'], n['pending']) for n in d['notifications'] if n['id'] == 'ntf_5eed000000000101'] == [(True, False)]"
run read ntf_5eed000000000101
check "read of a read notification says so" '[ $rc -eq 0 ] && out_has "already read"'
run --json read ntf_5eed000000000105
check_json "read online is sent at once and confirmed, not queued" 0 \
    "d['sent'] == 'confirmed' and d['queued'] is False"
run --json notifications
check_json "the read made online is confirmed, not pending" 0 \
    "[(n['read'], n['pending']) for n in d['notifications'] if n['id'] == 'ntf_5eed000000000105'] == [(True, False)]"
run read ntf_nonexistent
check "read of an unknown notification exits 2 not_found" \
    '[ $rc -eq 2 ] && err_has "memberctl: not_found:"'
run rsvp EVT-NONEXISTENT going
check "rsvp to an unknown event exits 2 not_found" '[ $rc -eq 2 ] && err_has "memberctl: not_found:"'

# Founders Fireside has 2 seats and Priya holds one. Vikram takes the last while Asha's
# store still shows a free seat; her RSVP, queued offline, puts her on the waitlist.
VIKRAM="$work/vikram"
sign_in_in "$VIKRAM" +919800000002
run_in "$VIKRAM" sync
run_in "$VIKRAM" rsvp EVT-BLR-FIRESIDE going
check "Vikram takes the last Fireside seat: online, his RSVP is sent and confirmed at once" \
    '[ $rc -eq 0 ] && out_has "RSVP '"'"'going'"'"' for EVT-BLR-FIRESIDE: sent to the server and confirmed." && ! out_has "queued" && ! out_has "(pending)"'
run_in "$VIKRAM" --json sync
check_json "nothing was left for his next sync" 0 \
    "d['report']['pushed'] == 0 and d['report']['rejected'] == 0"
offline rsvp EVT-BLR-FIRESIDE going
check "Asha's RSVP to Fireside is queued (her store shows 2/2 going)" \
    '[ $rc -eq 0 ] && out_has "queued" && out_has "2/2 going"'
run sync
check "sync sends it: the event was full, the server puts her on its waitlist" \
    '[ $rc -eq 0 ] && out_has "Pushed 1, rejected 0"'
run --json events --all
check_json "her RSVP is confirmed as waitlisted, first in line" 0 \
    "[(e['my_rsvp'], e['pending'], e['waitlist_position'], e['going_count']) for e in d['events'] if e['id'] == 'EVT-BLR-FIRESIDE'] == [('waitlisted', False, 1, 2)]"

# A refusal: a hot desk Asha books offline is taken meanwhile, online, by an on-demand
# user paying by card (the server holds it for them); her booking is refused by the
# server at the next sync.
RACER="$work/racer"
sign_in_in "$RACER" +919876543288
run_in "$RACER" profile --name "Rohan Iyer" --email rohan@example.in --company "Iyer Works" \
    --city Bengaluru
run_in "$RACER" intent on-demand
run_in "$RACER" sync
# The next two days BLR-1 is open after today (a member books one desk a day).
read -r race_day race_day2 <<<"$(curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(json.load(sys.stdin)["now_ms"] / 1000, ist).date()
days = []
while len(days) < 2:
    day += datetime.timedelta(days=1)
    if day.isoweekday() != 7 and day.isoformat() != "2027-01-26":
        days.append(day.isoformat())
print(" ".join(days))')"
offline desks book BLR-1-D07 --date "$race_day" --pay plan
check "Asha books BLR-1-D07 offline: pending, queued" \
    '[ $rc -eq 0 ] && out_has "pending until the server confirms" && out_has "queued"'
run_in "$RACER" desks book BLR-1-D07 --date "$race_day" --pay razorpay
check "meanwhile an on-demand user takes the same desk online, by card" \
    '[ $rc -eq 0 ] && out_has "held for 15 minutes"'
run sync
check "sync shows the refusal as it happens, then lists it" \
    '[ $rc -eq 0 ] && out_has "rejected: desk.book" && out_has "desk_taken" && out_has "Pushed 0, rejected 1" && out_has "Rejected (shown until dismissed"'
run --json outbox
check_json "outbox --json: the rejected desk booking with its code and message" 0 \
    "len(d['outbox']) == 1 and d['outbox'][0]['state'] == 'rejected' and d['outbox'][0]['error']['server_code'] == 'desk_taken' and d['outbox'][0]['error']['message'] != ''"
rejected_id=$(json_get "d['outbox'][0]['mutation_id']")
run outbox
check "outbox shows the rejection's reason and how to dismiss it" \
    '[ $rc -eq 0 ] && out_has "rejected" && out_has "desk_taken" && out_has "memberctl outbox dismiss ID"'
run --json desks
check_json "the refused desk booking is rolled back: no desk day left here" 0 \
    "[b for b in d['desk_bookings'] if b['desk_id'] == 'BLR-1-D07' and b['status'] in ('pending', 'confirmed')] == []"
run --json status
check_json "status counts the rejection" 0 "d['status']['rejected_count'] == 1"
run_in "$RACER" desks book BLR-1-D09 --date "$race_day2" --pay razorpay
run desks book BLR-1-D09 --date "$race_day2" --pay plan
check "a desk taken since her last sync: free here, the server's refusal exits 2 conflict" \
    '[ $rc -eq 2 ] && err_has "memberctl: conflict:"'
run --json outbox
again_id=$(json_get "[m['mutation_id'] for m in d['outbox'] if m['state'] == 'rejected' and m['mutation_id'] != $rejected_id][0]")
run outbox dismiss "$again_id"
check "that second refusal is dismissed" '[ $rc -eq 0 ]'
run outbox dismiss 999999
check "dismissing an unknown mutation exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'
offline rsvp EVT-BLR-DIWALI not-going
offline --json outbox
pending_id=$(json_get "[m['mutation_id'] for m in d['outbox'] if m['state'] == 'pending'][0]")
offline outbox dismiss "$pending_id"
check "dismissing a pending mutation exits 2 invalid_state" \
    '[ $rc -eq 2 ] && err_has "memberctl: invalid_state:" && err_has "Only a rejected change"'
run --json outbox dismiss "$rejected_id"
check_json "outbox dismiss removes the rejected one" 0 "d['dismissed'] == $rejected_id"
run --json status
check_json "status: no rejection left, the not-going still queued" 0 \
    "d['status']['rejected_count'] == 0 and d['status']['queue_depth'] == 1"

# sync --watch: the background thread sends the queue, then time is up.
run sync --watch --seconds 2
check "sync --watch --seconds 2 sends the queue and stops, exit 0" \
    '[ $rc -eq 0 ] && out_has "status:" && out_has "Stopped (time is up)"'
run --json outbox
check_json "the watch sent the not-going" 0 "d['outbox'] == []"
run --json events --all
check_json "Asha is not going to Diwali Meetup, confirmed" 0 \
    "[(e['my_rsvp'], e['pending']) for e in d['events'] if e['id'] == 'EVT-BLR-DIWALI'] == [('not_going', False)]"
run --json sync --watch --seconds 1
if [ "$rc" -eq 0 ] && json_lines "ds[0]['event'] == 'started' and ds[-1]['event'] == 'stopped' and any(d['event'] == 'status' for d in ds)"; then
    pass "sync --watch --json prints one JSON object per line"
else
    fail "sync --watch --json prints one JSON object per line" "started .. status .. stopped"
fi
"$MEMBERCTL" --server "$URL" --data-dir "$DATA" sync --watch >"$work/out" 2>"$work/err" &
watch_pid=$!
sleep 1
kill -INT "$watch_pid"
wait "$watch_pid"
rc=$?
out=$(cat "$work/out")
err=$(cat "$work/err")
note_sanitizer_reports
check "sync --watch stops on SIGINT with exit 0" '[ $rc -eq 0 ] && out_has "Stopped (SIGINT)"'

# --- a session that expired: the change is kept, and memberctl says why it was not sent
curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
    -d '{"advance_ms": 2678400000}' >/dev/null # 31 days: past the session's 30
run_in "$VIKRAM" rsvp EVT-BLR-DIWALI going
check "an expired session: the RSVP is kept and not sent, and memberctl says to sign in (not 'when online')" \
    '[ $rc -eq 0 ] && out_has "not sent: the session has expired" && out_has "memberctl login PHONE" && ! out_has "when online"'
run_in "$VIKRAM" --json outbox
check_json "the RSVP waits in the outbox" 0 \
    "len(d['outbox']) == 1 and d['outbox'][0]['kind'] == 'rsvp.set' and d['outbox'][0]['state'] == 'pending'"

# --- the server goes away ------------------------------------------------------
stop_stub
run whoami
check "whoami works offline from the local store" \
    '[ $rc -eq 0 ] && out_has "Asha Rao" && out_has "Cabin 1019"'
run events --all
check "events works with the server gone" '[ $rc -eq 0 ] && out_has "Networking Hour"'
run notifications
check "notifications works with the server gone" '[ $rc -eq 0 ] && out_has "Unread: 1"'
run sync
check "sync with the server gone exits 2 offline" '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
run --json status
check_json "status works with the server gone" 0 \
    "d['status']['queue_depth'] == 0 and d['status']['last_sync'] is not None and d['queue_error'] is None"
run whoami --refresh
check "whoami --refresh with the server unreachable exits 2 offline" \
    '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
run --json login 9876543210
check_json "login with the server unreachable prints the offline object" 2 \
    "d['error']['code'] == 'offline' and d['error']['status'] == 5"
run logout
check "logout works offline" '[ $rc -eq 0 ]'
run whoami
check "whoami after an offline logout exits 2" '[ $rc -eq 2 ] && err_has "unauthorized"'

# --- meeting rooms: search, credit bookings offline, Razorpay, cancel ----------
# Against a fresh stub (a new database: no OTP cooldowns left from above). The
# dates are picked from the stub's clock, never from a fixed calendar: the
# candidates are the days 2 to 20 after the stub's today, all inside BLR-1's
# 30-day booking window, and a search says which of them have the blocks a
# step needs (BLR-1 is closed on Sundays and has blackout days).

# offline_in DIR ARGS...: memberctl ARGS on another store, the server unreachable.
offline_in() {
    local dir=$1
    shift
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$dir" "$@"
}

# candidate_days: the days 2..20 after the stub's today (UTC), one per line.
candidate_days() {
    curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
now = json.load(sys.stdin)["now_ms"]
today = datetime.datetime.fromtimestamp(now / 1000, datetime.timezone.utc).date()
for n in range(2, 21):
    print((today + datetime.timedelta(days=n)).isoformat())'
}

# find_day DIR SKIP ROOM...: the first candidate day not in SKIP (words) on
# which each ROOM has the 12 blocks 08:00-20:00 free, by a search in DIR.
find_day() {
    local dir=$1 skip=$2 day
    shift 2
    for day in $(candidate_days); do
        case " $skip " in *" $day "*) continue ;; esac
        run_in "$dir" --json rooms search --date "$day"
        if [ "$rc" -eq 0 ] && python3 -c '
import json, sys
d = json.load(sys.stdin)
free = {r["id"]: {s["local_minute"] for s in r["free"]} for r in d["rooms"]}
whole_day = set(range(480, 1200, 60))
sys.exit(0 if all(whole_day <= free.get(room, set()) for room in sys.argv[1:]) else 1)' \
            "$@" <<<"$out"; then
            echo "$day"
            return 0
        fi
    done
    return 1
}

# rzp_pay ORDER_ID FORGE: Razorpay checkout's answer for the order (test mode),
# as "PAYMENT_ID SIGNATURE".
rzp_pay() {
    curl -s -X POST "$URL/v1/test/razorpay/pay" -H 'Content-Type: application/json' \
        -d "{\"order_id\": \"$1\", \"forge\": $2}" |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["payment_id"], d["signature"])'
}

rooms_tests() {
    rm -f "$work"/stub.db*
    start_stub
    local ASHA="$work/asha-rooms" VIKRAM2="$work/vikram-rooms" NEWBIE="$work/newbie"

    # A member with no building of their own must name one.
    sign_in_in "$NEWBIE" +919876543212
    run_in "$NEWBIE" sync
    day=$(candidate_days | head -n 1)
    run_in "$NEWBIE" rooms search --date "$day"
    check "rooms search without a building of one's own exits 1 asking for --building" \
        '[ $rc -eq 1 ] && err_has "--building"'
    run_in "$NEWBIE" rooms search --date "$day" --building BLR-1
    check "rooms search --building BLR-1 works for anyone signed in" \
        '[ $rc -eq 0 ] && out_has "BLR-1-BOARD" && out_has "Asia/Kolkata"'
    run_in "$NEWBIE" credits
    check "credits without a company plan exits 2 not_found" \
        '[ $rc -eq 2 ] && err_has "memberctl: not_found:"'
    run_in "$NEWBIE" rooms search --date "$day" --building NOWHERE-9
    check "rooms search of an unknown building exits 2 not_found and says to sync" \
        '[ $rc -eq 2 ] && err_has "not_found" && err_has "memberctl sync"'

    # Asha (ACME, credits, BLR-1) searches her own building.
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync
    check "Asha syncs the rooms, their busy blocks and her company's credits" \
        '[ $rc -eq 0 ] && out_has "room" && out_has "credit_ledger"'
    if ! day=$(find_day "$ASHA" "" BLR-1-BOARD); then
        fail "a day with BLR-1-BOARD free 08:00-20:00 among the next 20" "a day"
        return
    fi
    echo "     (booking day: $day)"
    run_in "$ASHA" rooms search --date "$day"
    check "rooms search (her building by default) shows BLR-1-BOARD, price, credits, free blocks, zone" \
        '[ $rc -eq 0 ] && out_has "Rooms in BLR-1 on $day" && out_has "BLR-1-BOARD  Boardroom, 12 people" && out_has "/h or 6 credits/h" && out_has "free: 08:00-" && out_has "Asia/Kolkata"'
    run_in "$ASHA" --json rooms search --date "$day"
    check_json "rooms search --json: BLR-1, its zone, BLR-1-BOARD free at 10:00 and 11:00 local" 0 \
        "d['building_id'] == 'BLR-1' and d['timezone'] == 'Asia/Kolkata' and [r['price_per_hour'] for r in d['rooms'] if r['id'] == 'BLR-1-BOARD'] == [{'minor': 250000, 'currency': 'INR', 'text': '₹2,500.00'}] and {'10:00', '11:00'} <= {s['local_time'] for r in d['rooms'] if r['id'] == 'BLR-1-BOARD' for s in r['free']}"
    run_in "$ASHA" --json rooms search --date "$day" --from 09:00 --to 12:00 --capacity 10 \
        --amenity projector --amenity whiteboard
    check_json "rooms search filters: capacity 10, projector and whiteboard: only the boardroom, 3 blocks" 0 \
        "[r['id'] for r in d['rooms']] == ['BLR-1-BOARD'] and [s['local_time'] for s in d['rooms'][0]['free']] == ['09:00', '10:00', '11:00'] and d['from'] == '09:00'"
    run_in "$ASHA" --json credits
    check_json "credits --json: ACME, monthly credits, a balance, nothing pending" 0 \
        "d['credits']['company_id'] == 'ACME' and d['credits']['monthly_credits'] == 200 and d['credits']['pending_debit'] == 0 and len(d['credits']['ledger']) >= 1"
    balance0=$(json_get "d['credits']['balance']")

    # A day with no block says why: BLR-1 is closed on Sundays; far ahead is beyond the window.
    sunday=$(python3 -c '
import datetime
d = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=5, minutes=30))).date()
print(d + datetime.timedelta(days=(6 - d.weekday()) or 7))')
    run_in "$ASHA" rooms search --date "$sunday"
    check "rooms search on a Sunday says why there is no block: closed on Sundays" \
        '[ $rc -eq 0 ] && out_has "free: none: BLR-1 is closed on Sundays" && out_has "No free block: BLR-1 is closed on Sundays."'
    run_in "$ASHA" --json rooms search --date "$sunday"
    check_json "rooms search --json: why_none names the rule and says it" 0 \
        "d['why_none'] == {'rule': 'closed', 'message': 'BLR-1 is closed on Sundays'} and all(r['why_none']['rule'] == 'closed' for r in d['rooms'])"
    run_in "$ASHA" rooms book BLR-1-BOARD --date "$sunday" --start 10:00 --pay credits
    check "booking on a Sunday exits 2 conflict naming the rule" \
        '[ $rc -eq 2 ] && err_has "memberctl: conflict: BLR-1-BOARD on $sunday at 10:00 for 1 h: BLR-1 is closed on Sundays"'
    run_in "$ASHA" --json rooms book BLR-1-BOARD --date "$sunday" --start 10:00 --pay credits
    check_json "the refusal with --json carries its rule" 2 \
        "d['error']['code'] == 'conflict' and d['error']['rule'] == 'closed'"
    far=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=45))')
    run_in "$ASHA" rooms search --date "$far" --building MUM-1
    check "rooms search 45 days ahead: beyond the booking window, its length said" \
        '[ $rc -eq 0 ] && out_has "is beyond the booking window: MUM-1 takes bookings 30 days ahead"'

    # Booked with credits while offline: pending, credits held.
    offline_in "$ASHA" rooms book BLR-1-BOARD --date "$day" --start 10:00 --hours 2 --pay credits \
        --guest "Ravi <ravi@example.in>"
    check "rooms book --pay credits offline: booked, pending until the server confirms" \
        '[ $rc -eq 0 ] && out_has "pending until the server confirms" && out_has "12 credits" && out_has "Ravi <ravi@example.in>"'
    offline_in "$ASHA" --json bookings
    check_json "bookings offline: the new booking is pending, with its guest" 0 \
        "[(b['status'], b['pending'], b['paid_by'], b['credits'], b['guests'][0]['email']) for b in d['bookings'] if b['room_id'] == 'BLR-1-BOARD' and b['end_ms'] - b['start_ms'] == 7200000 and b['status'] != 'confirmed'] == [('pending', True, 'credits', 12, 'ravi@example.in')]"
    booking=$(json_get "[b['id'] for b in d['bookings'] if b['pending']][0]")
    offline_in "$ASHA" bookings
    check "bookings shows it (pending), 10:00 to 12:00 in the building's time (IST)" \
        '[ $rc -eq 0 ] && out_has "$booking" && out_has "(pending)" && out_has "$day 10:00 to 12:00 IST" && ! out_has "UTC"'
    offline_in "$ASHA" --json credits
    check_json "credits offline: 12 credits pending, the balance net of them" 0 \
        "d['credits']['pending_debit'] == 12 and d['credits']['balance'] == $balance0 - 12"
    offline_in "$ASHA" credits
    check "credits shows the pending debit" '[ $rc -eq 0 ] && out_has "12 credits held"'
    offline_in "$ASHA" --json rooms search --date "$day"
    check_json "the pending booking's blocks are no longer free here" 0 \
        "not {'10:00', '11:00'} & {s['local_time'] for r in d['rooms'] if r['id'] == 'BLR-1-BOARD' for s in r['free']}"

    # The sync: confirmed, credits debited, the guest emailed.
    run_in "$ASHA" sync
    check "sync sends the booking" '[ $rc -eq 0 ] && out_has "Pushed 1, rejected 0"'
    run_in "$ASHA" --json bookings
    check_json "the booking is confirmed and its guest has a credential" 0 \
        "[(b['status'], b['pending'], b['building_id']) for b in d['bookings'] if b['id'] == '$booking'] == [('confirmed', False, 'BLR-1')] and all(g['credential_id'] for b in d['bookings'] if b['id'] == '$booking' for g in b['guests'])"
    credential=$(json_get "[g['credential_id'] for b in d['bookings'] if b['id'] == '$booking' for g in b['guests']][0]")
    run_in "$ASHA" --json credits
    check_json "credits after the sync: the balance reduced by 12, a booking line in the ledger" 0 \
        "d['credits']['pending_debit'] == 0 and d['credits']['balance'] == $balance0 - 12 and [(l['delta'], l['reason']) for l in d['credits']['ledger'] if l['reservation_id'] == '$booking'] == [(-12, 'booking')]"
    out=$(curl -s "$URL/v1/test/emails?to=ravi@example.in")
    check "the guest got an email with the booking's access credential" \
        "json \"any(e['credential_id'] == '$credential' for e in d['emails'])\""
    run_in "$ASHA" --json rooms search --date "$day"
    check_json "the booked blocks are not free in a search" 0 \
        "not {'10:00', '11:00'} & {s['local_time'] for r in d['rooms'] if r['id'] == 'BLR-1-BOARD' for s in r['free']} and '12:00' in {s['local_time'] for r in d['rooms'] if r['id'] == 'BLR-1-BOARD' for s in r['free']}"

    # Vikram (ACME too) sees the block taken.
    sign_in_in "$VIKRAM2" +919800000002
    run_in "$VIKRAM2" sync
    run_in "$VIKRAM2" rooms book BLR-1-BOARD --date "$day" --start 11:00 --pay credits
    check "booking a taken block exits 2 conflict with the core's message" \
        '[ $rc -eq 2 ] && err_has "memberctl: conflict: BLR-1-BOARD on $day at 11:00 for 1 h: every block asked for on $day is taken" && err_has "rooms search --date $day"'
    run_in "$VIKRAM2" --json rooms book BLR-1-BOARD --date "$day" --start 11:00 --pay credits
    check_json "the conflict with --json" 2 "d['error']['code'] == 'conflict'"
    run_in "$VIKRAM2" rooms book BLR-1-BOARD --date "$day" --start 10:30 --pay credits
    check "a start off the hour exits 2 invalid_argument" \
        '[ $rc -eq 2 ] && err_has "invalid_argument"'
    run_in "$VIKRAM2" rooms book BLR-1-NOPE --date "$day" --start 12:00 --pay credits
    check "an unknown room exits 2 not_found" '[ $rc -eq 2 ] && err_has "memberctl: not_found:"'

    # Cancelled: refunded.
    offline_in "$ASHA" cancel "$booking"
    check "cancel offline is saved and queued" \
        '[ $rc -eq 0 ] && out_has "queued" && out_has "cancelled" && out_has "(pending)"'
    offline_in "$ASHA" --json cancel "$booking"
    check_json "cancelling again while it waits changes nothing" 0 \
        "d['already_queued'] is True and d['booking']['status'] == 'cancelled'"
    run_in "$ASHA" sync
    check "sync sends the cancellation" '[ $rc -eq 0 ] && out_has "Pushed 1, rejected 0"'
    run_in "$ASHA" --json credits
    check_json "cancelled before the cut-off: refunded" 0 \
        "d['credits']['balance'] == $balance0 and [(l['delta'], l['reason']) for l in d['credits']['ledger'] if l['reservation_id'] == '$booking'] == [(12, 'refund'), (-12, 'booking')]"
    run_in "$ASHA" --json bookings --all
    check_json "the booking is cancelled, not pending" 0 \
        "[(b['status'], b['pending']) for b in d['bookings'] if b['id'] == '$booking'] == [('cancelled', False)]"
    run_in "$ASHA" cancel "$booking"
    check "cancelling a cancelled booking exits 2 invalid_state" \
        '[ $rc -eq 2 ] && err_has "memberctl: invalid_state:"'
    run_in "$ASHA" cancel bk_nonexistent
    check "cancelling an unknown booking exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'

    # The server decides: Vikram books 14:00 offline, Asha books it too and
    # syncs first; Vikram's booking is refused on his sync and rolled back.
    offline_in "$VIKRAM2" --json rooms book BLR-1-BOARD --date "$day" --start 14:00 --pay credits
    check_json "Vikram's offline booking of 14:00 is pending" 0 "d['booking']['status'] == 'pending'"
    vikram_booking=$(json_get "d['booking']['id']")
    run_in "$ASHA" rooms book BLR-1-BOARD --date "$day" --start 14:00 --pay credits
    check "Asha's booking of 14:00, made online, reaches the server first: sent and confirmed" \
        '[ $rc -eq 0 ] && out_has "booked, confirmed by the server." && out_has "The booking: sent to the server and confirmed." && ! out_has "queued"'
    run_in "$ASHA" sync
    check "nothing was left for her next sync" '[ $rc -eq 0 ] && out_has "Pushed 0, rejected 0"'
    run_in "$VIKRAM2" sync
    check "Vikram's sync shows the refusal: booking.create ... slot_taken" \
        '[ $rc -eq 0 ] && out_has "rejected: booking.create $vikram_booking: slot_taken" && out_has "Pushed 0, rejected 1"'
    run_in "$VIKRAM2" --json bookings
    check_json "the refused booking is rolled back" 0 \
        "'$vikram_booking' not in [b['id'] for b in d['bookings']]"
    run_in "$VIKRAM2" --json credits
    check_json "and its credits are no longer held" 0 "d['credits']['pending_debit'] == 0"

    # Razorpay: an order, a forged signature refused, the real one confirmed.
    offline_in "$ASHA" rooms book BLR-1-BOARD --date "$day" --start 10:00 --pay razorpay
    check "rooms book --pay razorpay offline exits 2 offline" \
        '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
    run_in "$ASHA" rooms book BLR-1-BOARD --date "$day" --start 10:00 --pay razorpay
    check "rooms book --pay razorpay prints the order and the next step" \
        '[ $rc -eq 0 ] && out_has "Razorpay order order_" && out_has "₹2,950.00" && out_has "key id" && out_has "memberctl pay-booking"'
    run_in "$ASHA" --json rooms book BLR-1-BOARD --date "$day" --start 11:00 --hours 2 \
        --pay razorpay --guest "Meera Iyer <meera@example.in>"
    check_json "rooms book --pay razorpay --json: pending_payment, the order, the next command" 0 \
        "d['booking']['status'] == 'pending_payment' and d['order']['amount'] == {'minor': 590000, 'currency': 'INR', 'text': '₹5,900.00'} and d['order']['key_id'] != '' and d['order']['id'] == d['booking']['order_id'] and d['next'].startswith('memberctl pay-booking ' + d['booking']['id']) and d['queued'] is False"
    rzp_booking=$(json_get "d['booking']['id']")
    order=$(json_get "d['order']['id']")
    read -r payment signature <<<"$(rzp_pay "$order" true)"
    run_in "$ASHA" pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check "a forged signature exits 2 payment_failed" \
        '[ $rc -eq 2 ] && err_has "memberctl: payment_failed:"'
    run_in "$ASHA" --json pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check_json "a forged signature with --json" 2 "d['error']['code'] == 'payment_failed'"
    read -r payment signature <<<"$(rzp_pay "$order" false)"
    offline_in "$ASHA" pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check "pay-booking offline exits 2 offline" '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
    run_in "$ASHA" pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check "pay-booking with checkout's answer: confirmed" \
        '[ $rc -eq 0 ] && out_has "Payment confirmed" && out_has "is confirmed"'
    run_in "$ASHA" --json pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check_json "confirming twice is harmless" 0 \
        "d['booking']['status'] == 'confirmed' and d['booking']['paid_by'] == 'razorpay' and d['booking']['guests'][0]['credential_id'] != ''"
    run_in "$ASHA" sync
    run_in "$ASHA" --json bookings
    check_json "after a sync, bookings shows the Razorpay booking confirmed, with its amount" 0 \
        "[(b['status'], b['paid_by'], b['amount']['minor'], b['amount']['currency']) for b in d['bookings'] if b['id'] == '$rzp_booking'] == [('confirmed', 'razorpay', 590000, 'INR')]"
    # Paid by Razorpay: an invoice with GST, numbered and paid, and a notification, as a day pass.
    offline_in "$ASHA" --json invoices
    check_json "the Razorpay room booking has its invoice: 2 h at ₹2,500 plus 18% GST, paid" 0 \
        "[(i['status'], i['subtotal']['minor'], i['tax']['minor'], i['total']['minor'], i['lines'][0]['quantity'], i['number'].startswith('INV-')) for i in d['invoices'] if i['lines'] and i['lines'][0]['description'].startswith('Boardroom (BLR-1-BOARD)')] == [('paid', 500000, 90000, 590000, 2, True)]"
    offline_in "$ASHA" notifications
    check "the payment of the room is notified" \
        '[ $rc -eq 0 ] && out_has "Payment confirmed"'
    run_in "$ASHA" --json bookings
    check_json "bookings --json: the paid Razorpay booking reads paid" 0 \
        "[b['paid'] for b in d['bookings'] if b['id'] == '$rzp_booking'] == [True]"

    # Her own unpaid Razorpay hold (10:00), cancelled by her: not "by razorpay" but cancelled
    # before payment, nothing charged.
    run_in "$ASHA" --json bookings
    local hold
    hold=$(json_get "[b['id'] for b in d['bookings'] if b['status'] == 'pending_payment' and b['start_local'] == '${day}T10:00:00+05:30'][0]")
    run_in "$ASHA" cancel "$hold"
    check "cancel of her unpaid Razorpay hold is sent" '[ $rc -eq 0 ]'
    run_in "$ASHA" sync
    run_in "$ASHA" --json bookings
    check_json "the hold she cancelled is cancelled and not paid" 0 \
        "[(b['status'], b['paid_by'], b['paid']) for b in d['bookings'] if b['id'] == '$hold'] == [('cancelled', 'razorpay', False)]"
    run_in "$ASHA" bookings
    check "bookings says her cancelled hold was cancelled before payment and nothing was charged" \
        '[ $rc -eq 0 ] && grep -A1 "^  $hold" <<<"$out" | grep -q "cancelled before payment: nothing was charged (Razorpay, ₹2,950.00 not paid)" && ! grep -A1 "^  $hold" <<<"$out" | grep -q "by razorpay"'

    # A London member's booking reads in London's time, labelled with its zone.
    local OLIVIA="$work/olivia-rooms"
    sign_in_in "$OLIVIA" +447700900001
    run_in "$OLIVIA" sync
    run_in "$OLIVIA" --json rooms book LON-1-NOOK --date "$day" --start 16:00 --pay razorpay
    check_json "a 16:00 booking in London (winter): 16:00+00:00 GMT beside the UTC" 0 \
        "d['booking']['start'] == '${day}T16:00:00Z' and d['booking']['start_local'] == '${day}T16:00:00+00:00' and d['booking']['start_zone'] == 'GMT'"
    run_in "$OLIVIA" bookings
    check "London's booking prints 16:00 GMT" '[ $rc -eq 0 ] && out_has "$day 16:00 to 17:00 GMT"'

    # Credits run short: 12 h in each room on one day (132 of the balance),
    # then 12 h of the boardroom (72) on another. All offline, never synced.
    local day1 day2
    if day1=$(find_day "$ASHA" "$day" BLR-1-BOARD BLR-1-HUDDLE BLR-1-FOCUS) &&
        day2=$(find_day "$ASHA" "$day $day1" BLR-1-BOARD); then
        run_in "$ASHA" --json credits
        local left
        left=$(json_get "d['credits']['balance']")
        for room in BLR-1-BOARD BLR-1-HUDDLE BLR-1-FOCUS; do
            offline_in "$ASHA" rooms book "$room" --date "$day1" --start 08:00 --hours 12 \
                --pay credits
        done
        offline_in "$ASHA" --json credits
        check_json "three 12-hour bookings hold 132 credits" 0 \
            "d['credits']['pending_debit'] == 132 and d['credits']['balance'] == $left - 132"
        offline_in "$ASHA" rooms book BLR-1-BOARD --date "$day2" --start 08:00 --hours 12 \
            --pay credits
        if [ "$left" -lt 204 ]; then
            check "a booking beyond the credits left exits 2 insufficient_credits" \
                '[ $rc -eq 2 ] && err_has "memberctl: insufficient_credits:" && err_has "memberctl credits"'
            offline_in "$ASHA" --json rooms book BLR-1-BOARD --date "$day2" --start 08:00 \
                --hours 12 --pay credits
            check_json "insufficient_credits with --json" 2 \
                "d['error']['code'] == 'insufficient_credits'"
        else
            fail "ACME has fewer than 204 credits left (the seed's 188)" "a balance below 204"
        fi
    else
        fail "days with every BLR-1 room free 08:00-20:00 among the next 20" "two days"
    fi

    # A hold not paid within 15 minutes lapses (the stub's clock moves on:
    # last, as the server is then 16 minutes ahead of this machine).
    run_in "$ASHA" --json rooms book BLR-1-BOARD --date "$day" --start 16:00 --pay razorpay
    check_json "a 16:00 booking in Bengaluru: --json keeps UTC (10:30Z) and adds 16:00+05:30 IST" 0 \
        "d['booking']['start'] == '${day}T10:30:00Z' and d['booking']['start_local'] == '${day}T16:00:00+05:30' and d['booking']['start_zone'] == 'IST' and d['booking']['end_local'] == '${day}T17:00:00+05:30'"
    rzp_booking=$(json_get "d['booking']['id']")
    order=$(json_get "d['order']['id']")
    run_in "$ASHA" bookings
    check "a 16:00 booking in Bengaluru prints 16:00 IST, not 10:30" \
        '[ $rc -eq 0 ] && out_has "$day 16:00 to 17:00 IST" && ! out_has "10:30"'
    read -r payment signature <<<"$(rzp_pay "$order" false)"
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"advance_ms": 960000}' >/dev/null
    run_in "$ASHA" pay-booking "$rzp_booking" --order "$order" --payment "$payment" \
        --signature "$signature"
    check "paying after the hold lapsed exits 2 conflict, nothing confirmed" \
        '[ $rc -eq 2 ] && err_has "memberctl: conflict:" && err_has "lapsed"'
    run_in "$ASHA" sync
    run_in "$ASHA" --json bookings
    check_json "the lapsed booking is expired, not confirmed and not cancelled by her" 0 \
        "[b['status'] for b in d['bookings'] if b['id'] == '$rzp_booking'] == ['expired']"
    run_in "$ASHA" bookings
    check "bookings says the lapsed booking was never paid, not 'paid by razorpay'" \
        '[ $rc -eq 0 ] && out_has "expired: not paid, the 15-minute payment hold lapsed" && ! grep -A1 "^  $rzp_booking" <<<"$out" | grep -q "paid by"'
}

if "$MEMBERSTUB" --list-routes 2>/dev/null | grep -qx 'POST /v1/bookings'; then
    rooms_tests
    stop_stub
else
    echo "SKIP meeting rooms: this memberstub has no 'POST /v1/bookings' route" \
        "(memberstub --list-routes); the rooms tests need it"
fi

# --- day passes, invoices, membership, the door QR code ----------------------
# Against a fresh stub. memberctl has no clock option: it reads this
# machine's clock, and the door code it draws rotates with it (30-second
# steps). So the stub's clock is set to this machine's now, the passes are
# bought for the building's local today by that clock, and the clock is set
# to now again just before the door scan (one step of skew is accepted).

# stub_clock_now: set the stub's clock to this machine's now; print it (ms).
stub_clock_now() {
    local now
    now=$(python3 -c 'import time; print(int(time.time() * 1000))')
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d "{\"now_ms\": $now}" >/dev/null
    echo "$now"
}

# ist_day NOW_MS OFFSET: the Asia/Kolkata date (BLR-1 and MUM-1) OFFSET days
# after NOW_MS's; with a weekday check: ist_weekday NOW_MS (1 Monday .. 7 Sunday).
ist_day() {
    python3 -c '
import datetime, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(int(sys.argv[1]) / 1000, ist).date()
print((day + datetime.timedelta(days=int(sys.argv[2]))).isoformat())' "$1" "$2"
}

# open_days BUILDING NOW_MS N: the first N days from today (local) that
# BUILDING is open and not blacked out (the seed: BLR-1 closed on Sundays and
# on 2027-01-26; MUM-1 open every day).
open_days() {
    python3 -c '
import datetime, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(int(sys.argv[2]) / 1000, ist).date()
n = int(sys.argv[3])
while n > 0:
    if sys.argv[1] != "BLR-1" or (day.isoweekday() != 7 and day.isoformat() != "2027-01-26"):
        print(day.isoformat())
        n -= 1
    day += datetime.timedelta(days=1)' "$1" "$2" "$3"
}

# inr MINOR: paise as rupees the way memberctl shows them after the sign, grouped the
# Indian way ("42,480.00", "1,00,000.00").
inr() {
    python3 -c '
import sys
whole, paise = divmod(int(sys.argv[1]), 100)
d = str(whole)
head, tail = d[:-3], d[-3:]
groups = []
while len(head) > 2:
    groups.insert(0, head[-2:])
    head = head[:-2]
if head:
    groups.insert(0, head)
print(",".join(groups + [tail]) + ".%02d" % paise)' "$1"
}

# door_scan BUILDING PAYLOAD: what the stub's test door reader says.
door_scan() {
    curl -s -X POST "$URL/v1/test/door/scan" -H 'Content-Type: application/json' \
        -d "$(python3 -c 'import json, sys; print(json.dumps({"building": sys.argv[1], "payload": sys.argv[2]}))' "$1" "$2")"
}

# terminal_qr_to_pgm FILE: turn the half-block drawing on stdout ($out) back
# into a grayscale image, 4 pixels per module (blocks are light modules).
terminal_qr_to_pgm() {
    python3 -c '
import sys
cells = {" ": (0, 0), "\u2580": (1, 0), "\u2584": (0, 1), "\u2588": (1, 1)}
lines = [l for l in sys.stdin.read().splitlines() if l and set(l) <= set(cells)]
rows = []
for line in lines:
    rows.append([cells[c][0] for c in line])
    rows.append([cells[c][1] for c in line])
width = len(rows[0])
rows = rows[:width]  # below an odd last row nothing is drawn
s = 4
with open(sys.argv[1], "wb") as f:
    f.write(b"P5 %d %d 255\n" % (width * s, len(rows) * s))
    for r in rows:
        line = bytes(255 if v else 0 for v in r for _ in range(s))
        f.write(line * s)' "$1" <<<"$out"
}

passes_tests() {
    rm -f "$work"/stub.db* "$work/all-output"
    start_stub
    local ASHA="$work/asha-passes" NEWBIE="$work/newbie-passes"
    local now building today d1 d2 yesterday
    # The whole block runs within one local day: not in the last 100 s of one.
    local left_s
    left_s=$(python3 -c '
import time
ist = time.time() + 19800
print(int(86400 - ist % 86400))')
    if [ "$left_s" -lt 100 ]; then
        echo "     (waiting ${left_s} s for the local day to change)"
        sleep $((left_s + 2))
    fi
    now=$(stub_clock_now)
    # BLR-1 unless it is closed today (a Sunday, Republic Day): then MUM-1.
    building=BLR-1
    if [ "$(open_days BLR-1 "$now" 1)" != "$(ist_day "$now" 0)" ]; then building=MUM-1; fi
    local unit=80000 five_total=424800 five_gst=64800 two_total=188800
    if [ "$building" = MUM-1 ]; then unit=90000 five_total=477900 five_gst=72900 two_total=212400; fi
    read -r today d1 d2 <<<"$(open_days "$building" "$now" 3 | tr '\n' ' ')"
    yesterday=$(ist_day "$now" -1)
    echo "     (stub clock set to this machine's now; $building, today $today, then $d1 and $d2)"

    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync
    check "Asha syncs (buildings with their day-pass prices, her membership)" '[ $rc -eq 0 ]'

    # The synced buildings, read offline: hours in each building's time zone.
    offline_in "$ASHA" buildings
    local blr
    blr=$(sed -n '/^BLR-1 /,/^$/p' <<<"$out")
    check "buildings lists BLR-1 (Bengaluru, Asia/Kolkata, 08:00-22:00, closed Sunday), MUM-1, LON-1" \
        '[ $rc -eq 0 ] && out_has "3 buildings" && grep -qF "BLR-1  Indiranagar, Bengaluru (Asia/Kolkata)" <<<"$blr" && grep -qE "Mon +08:00-22:00" <<<"$blr" && grep -qE "Sun +closed" <<<"$blr" && out_has "MUM-1  Lower Parel, Mumbai (Asia/Kolkata)" && out_has "LON-1  Shoreditch, London (Europe/London)"'
    check "buildings shows the booking window, the day-pass price in rupees, capacity and tiers" \
        'grep -qF "30 days ahead" <<<"$blr" && grep -qF "₹800.00 + GST 18%, open space for 60" <<<"$blr" && grep -qF "5+ passes: 10% off" <<<"$blr" && grep -qF "10+ passes: 15% off" <<<"$blr"'
    check "buildings: LON-1 open 24 hours every day, MUM-1 09:00-21:00 every day" \
        '[ "$(sed -n "/^LON-1 /,/^\$/p" <<<"$out" | grep -c "open 24 hours")" -eq 7 ] && [ "$(sed -n "/^MUM-1 /,/^\$/p" <<<"$out" | grep -c "09:00-21:00")" -eq 7 ]'
    offline_in "$ASHA" --json buildings
    check_json "buildings --json: the three buildings with their fields, hours and tiers" 0 \
        "[b['id'] for b in d['buildings']] == ['BLR-1', 'LON-1', 'MUM-1'] and all(set(b) == {'id', 'name', 'city', 'timezone', 'hours', 'booking_window_days', 'currency', 'tax', 'day_pass_price', 'open_space_capacity', 'tiers'} for b in d['buildings']) and (b := d['buildings'][0])['city'] == 'Bengaluru' and b['timezone'] == 'Asia/Kolkata' and b['booking_window_days'] == 30 and b['day_pass_price'] == {'minor': 80000, 'currency': 'INR', 'text': '₹800.00'} and b['tax'] == {'name': 'GST', 'rate_bp': 1800, 'text': 'GST 18%'} and (l := d['buildings'][1])['currency'] == 'GBP' and l['tax']['text'] == 'VAT 20%' and l['day_pass_price'] == {'minor': 2500, 'currency': 'GBP', 'text': '£25.00'} and b['open_space_capacity'] == 60 and [(h['weekday'], h['open_minute'], h['close_minute']) for h in b['hours']] == [(w, 480, 1320) for w in range(1, 7)] and {'passes': 5, 'discount_pct': 10} in b['tiers'] and [(h['open_minute'], h['close_minute']) for h in d['buildings'][1]['hours']] == [(0, 1440)] * 7 and d['buildings'][1]['timezone'] == 'Europe/London'"

    # The local quote: 5 passes (herself and a guest over three days): 10% off.
    local cart=("$today" "$today:Ravi Kumar <ravi@example.in>" "$d1" "$d1:Ravi Kumar <ravi@example.in>" "$d2")
    run_in "$ASHA" --json passes quote --building "$building" "${cart[@]}"
    check_json "passes quote --json: 5 passes, the 5-pass tier at 10%, GST 18% exact to the paisa" 0 \
        "(q := d['quote'])['unit']['minor'] == $unit and q['tier_passes'] == 5 and q['discount_pct'] == 10 and q['subtotal']['minor'] == 5 * $unit and q['discount']['minor'] == $unit // 2 and q['tax_rule']['text'] == 'GST 18%' and q['tax']['minor'] == $five_gst and q['total'] == {'minor': $five_total, 'currency': 'INR', 'text': '₹' + '$(inr "$five_total")'} and q['violations'] == [] and [p['guest'] is None for p in q['passes']] == [True, False, True, False, True]"
    local rupees_total rupees_gst
    rupees_total=$(inr "$five_total")
    rupees_gst=$(inr "$five_gst")
    run_in "$ASHA" passes quote --building "$building" "${cart[@]}"
    check "passes quote shows the unit price, the 10% tier, GST and total in rupees, exit 0" \
        '[ $rc -eq 0 ] && out_has "5 day passes at $building" && out_has "Ravi Kumar <ravi@example.in>" && out_has "10% off" && out_has "GST 18%" && out_has "₹$rupees_gst" && out_has "₹$rupees_total" && out_has "memberctl passes buy"'
    run_in "$ASHA" passes quote --building "$building" "$today" "$yesterday" "$today"
    check "a past date and a second pass the same day: exit 2 cart_invalid, each violation shown" \
        '[ $rc -eq 2 ] && err_has "memberctl: cart_invalid: 2 of the 3 passes break a rule" && out_has "pass 2  past_date" && out_has "pass 3  duplicate" && out_has "Total"'
    run_in "$ASHA" --json passes quote --building "$building" "$yesterday"
    check_json "the past date with --json: the quote, the violation and the cart_invalid error" 2 \
        "d['error']['code'] == 'cart_invalid' and [(v['pass'], v['index'], v['rule']) for v in d['quote']['violations']] == [(1, 0, 'past_date')] and '$yesterday' in d['quote']['violations'][0]['message']"
    run_in "$ASHA" passes quote --building NOWHERE-9 "$today"
    check "a quote for an unknown building exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'

    # Membership and an on-demand newcomer's.
    run_in "$ASHA" --json membership
    check_json "membership --json: Asha's, active at ACME, Cabin 1019" 0 \
        "d['membership']['status'] == 'active' and d['membership']['company_id'] == 'ACME' and d['membership']['seat'] == 'Cabin 1019' and d['membership']['building_id'] == 'BLR-1'"
    run_in "$ASHA" membership
    check "membership shows her plan, seat and contract" \
        '[ $rc -eq 0 ] && out_has "Membership: active" && out_has "Cabin 1019" && out_has "Contract:"'
    sign_in_in "$NEWBIE" +919876543213
    run_in "$NEWBIE" sync
    run_in "$NEWBIE" --json membership
    check_json "an on-demand user has no membership" 0 "d['membership']['status'] == 'none'"
    run_in "$NEWBIE" membership
    check "membership says so for a person" '[ $rc -eq 0 ] && out_has "No membership"'

    # Checkout: herself and a guest today; offline it cannot be done.
    offline_in "$ASHA" passes buy --building "$building" "$today"
    check "passes buy offline exits 2 offline" '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
    run_in "$ASHA" --json passes buy --building "$building" "$today" "$today:Ravi Kumar <ravi@example.in>"
    check_json "passes buy --json: a draft invoice, a Razorpay order for the total, held passes, the next command" 0 \
        "d['order']['order_id'] != '' and d['order']['invoice_id'] != '' and d['order']['key_id'] != '' and d['order']['amount']['minor'] == $two_total and d['order']['amount']['currency'] == 'INR' and d['next'] == 'memberctl pay --order ' + d['order']['order_id'] + ' --payment PAY_ID --signature SIG' and sorted(p['status'] for p in d['passes']) == ['held', 'held']"
    local order invoice
    order=$(json_get "d['order']['order_id']")
    invoice=$(json_get "d['order']['invoice_id']")
    run_in "$ASHA" passes buy --building "$building" "$today"
    check "buying a second pass for herself the same day exits 2 conflict" \
        '[ $rc -eq 2 ] && err_has "memberctl: conflict:" && err_has "passes quote"'
    run_in "$ASHA" passes buy --building "$building" "$d1"
    check "passes buy shows the invoice, order, amount, key id, hold and the next step" \
        '[ $rc -eq 0 ] && out_has "held for 15 minutes" && out_has "Invoice" && out_has "Order       order_" && out_has "Key id" && grep -qE "Held until  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} IST" <<<"$out" && out_has "memberctl pay --order order_" && out_has "held"'
    run_in "$ASHA" --json passes
    local held_pass
    held_pass=$(json_get "[p['id'] for p in d['passes'] if p['date'] == '$d1'][0]")
    run_in "$ASHA" qr "$held_pass"
    check "qr of a pass not paid yet exits 2 invalid_state" \
        '[ $rc -eq 2 ] && err_has "memberctl: invalid_state:" && err_has "paid"'
    run_in "$ASHA" pay "$invoice"
    check "pay INVOICE_ID of a draft invoice exits 2 conflict saying why" \
        '[ $rc -eq 2 ] && grep -qE "memberctl: conflict: .*draft" <<<"$err" && err_has "issued or overdue"'

    # Razorpay's test checkout: a forged signature refused, the real one paid.
    read -r payment signature <<<"$(rzp_pay "$order" true)"
    run_in "$ASHA" pay --order "$order" --payment "$payment" --signature "$signature"
    check "pay with a forged signature exits 2 payment_failed" \
        '[ $rc -eq 2 ] && err_has "memberctl: payment_failed:"'
    run_in "$ASHA" --json pay --order "$order" --payment "$payment" --signature "$signature"
    check_json "a forged signature with --json" 2 "d['error']['code'] == 'payment_failed'"
    read -r payment signature <<<"$(rzp_pay "$order" false)"
    offline_in "$ASHA" pay --order "$order" --payment "$payment" --signature "$signature"
    check "pay offline exits 2 offline" '[ $rc -eq 2 ] && err_has "memberctl: offline:"'
    run_in "$ASHA" pay --order "$order" --payment "$payment" --signature "$signature"
    check "pay with checkout's answer: paid" \
        '[ $rc -eq 0 ] && out_has "Payment confirmed" && out_has "$order"'
    run_in "$ASHA" --json pay --order "$order" --payment "$payment" --signature "$signature"
    check_json "confirming twice is harmless" 0 "d['order_id'] == '$order' and d['paid'] is True"

    # The passes, active with a credential (read offline).
    offline_in "$ASHA" --json passes
    check_json "passes --json (offline): today's two active with credentials, $d1's held" 0 \
        "sorted((p['self'], p['status'], p['credential_id'] != '') for p in d['passes'] if p['date'] == '$today') == [(False, 'active', True), (True, 'active', True)] and [p['status'] for p in d['passes'] if p['date'] == '$d1'] == ['held'] and all(p['building_id'] == '$building' and p['invoice_id'] for p in d['passes'])"
    local pass credential
    pass=$(json_get "[p['id'] for p in d['passes'] if p['date'] == '$today' and p['self']][0]")
    credential=$(json_get "[p['credential_id'] for p in d['passes'] if p['id'] == '$pass'][0]")
    offline_in "$ASHA" passes
    check "passes shows the passes, statuses, holders and the credentials" \
        '[ $rc -eq 0 ] && out_has "$pass  $today  $building  active" && out_has "you, credential $credential" && out_has "Ravi Kumar <ravi@example.in>, credential" && out_has "(emailed to them)" && out_has "memberctl qr"'

    # The door code: a PNG decoded by zbarimg, scanned at the door once.
    rm -f "$work/door.png"
    offline_in "$ASHA" qr "$pass" --out "$work/door.png"
    check "qr PASS --out writes the PNG (offline) and says until when the code is current" \
        '[ $rc -eq 0 ] && [ -s "$work/door.png" ] && out_has "Wrote the door QR code to $work/door.png" && out_has "Current until" && out_has "$credential"'
    local decoded=""
    if command -v zbarimg >/dev/null 2>&1; then
        decoded=$(zbarimg --raw -q "$work/door.png" 2>/dev/null | tr -d '\r\n')
        check "zbarimg decodes the PNG to the rotating payload MC1|credential|step|code" \
            '[[ "$decoded" =~ ^MC1\|$credential\|[0-9]+\|[0-9]{8}$ ]]'
        stub_clock_now >/dev/null
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync
        out=$(door_scan "$building" "$decoded")
        check "the door grants the decoded payload on the pass's date" "json \"d['granted'] is True\""
        out=$(door_scan "$building" "$decoded")
        check "the same payload again on the way in is denied: anti-passback, already inside" \
            "json \"d['granted'] is False and d['reason'] == 'anti_passback' and d['message'] == 'anti-passback: already inside'\""
    else
        fail "zbarimg (Debian zbar-tools, scripts/install-deps.sh) decodes the PNG" "zbarimg on PATH"
    fi
    offline_in "$ASHA" --json qr "$pass" --out "$work/door2.png" --scale 3
    check_json "qr --json --out: the credential, the payload, when to refresh, the file" 0 \
        "d['credential_id'] == '$credential' and d['pass_id'] == '$pass' and d['payload'].startswith('MC1|$credential|') and d['refresh_at_ms'] > $now and d['refresh_at'].endswith('Z') and d['refresh_at_local'].endswith('+05:30') and d['refresh_at_zone'] == 'IST' and d['file'] == '$work/door2.png'"
    check "--scale 3 makes a PNG of 3 pixels per module" \
        'python3 -c "import struct, sys; h = open(sys.argv[1], \"rb\").read(24); w = struct.unpack(\">I\", h[16:20])[0]; sys.exit(0 if w % 3 == 0 and (w // 3 - 8 - 17) % 4 == 0 else 1)" "$work/door2.png"'
    offline_in "$ASHA" --json qr "$credential"
    check_json "qr CREDENTIAL --json: no file, the payload" 0 \
        "d['credential_id'] == '$credential' and 'file' not in d and d['payload'].startswith('MC1|$credential|')"
    offline_in "$ASHA" qr "$pass"
    check "qr PASS draws the code in the terminal with half blocks and says when it rotates" \
        '[ $rc -eq 0 ] && out_has "█" && out_has "Door code MC1|$credential|" && out_has "Current until"'
    if command -v zbarimg >/dev/null 2>&1; then
        terminal_qr_to_pgm "$work/terminal.pgm"
        decoded=$(zbarimg --raw -q "$work/terminal.pgm" 2>/dev/null | tr -d '\r\n')
        check "the terminal drawing is a readable QR code of the payload" \
            '[[ "$decoded" =~ ^MC1\|$credential\|[0-9]+\|[0-9]{8}$ ]]'
    fi
    check "no memberctl run since the stub started printed a 32-byte secret (64 hex digits)" \
        '! grep -qE "[0-9a-fA-F]{64}" "$work/all-output"'
    run_in "$ASHA" qr pss_nonexistent
    check "qr of an unknown id exits 2 not_found" '[ $rc -eq 2 ] && err_has "memberctl: not_found:"'
    offline_in "$ASHA" --json passes
    local guest_pass
    guest_pass=$(json_get "[p['id'] for p in d['passes'] if p['date'] == '$today' and not p['self']][0]")
    offline_in "$ASHA" qr "$guest_pass"
    check "qr of the guest's pass exits 2 not_found: the guest's code was emailed to them" \
        '[ $rc -eq 2 ] && err_has "memberctl: not_found:" && err_has "emailed to ravi@example.in"'
    out=$(curl -s "$URL/v1/test/emails?to=ravi@example.in")
    check "the guest got an email with a static door code" \
        "json \"any(e['payload'].startswith('MC1|') and '|G|' in e['payload'] for e in d['emails'])\""
    if command -v zbarimg >/dev/null 2>&1; then
        python3 -c 'import base64, json, sys
e = [e for e in json.loads(sys.argv[1])["emails"] if e["payload"]][-1]
open(sys.argv[2], "wb").write(base64.b64decode(e["attachments"][0]["content_base64"]))
print(e["payload"])' "$out" "$work/guest-qr.png" >"$work/guest-payload"
        decoded=$(zbarimg --raw -q "$work/guest-qr.png" 2>/dev/null | tr -d '\r\n')
        check "the guest's email carries the code as a QR image (access-qr.png) that zbarimg reads" \
            '[ -n "$decoded" ] && [ "$decoded" = "$(cat "$work/guest-payload")" ]'
    fi

    # The billing history.
    offline_in "$ASHA" --json invoices
    check_json "invoices --json: the paid invoice with its lines, total and times" 0 \
        "[(i['status'], i['total']['minor'], i['paid_at'] is not None and i['paid_at'].endswith('Z') and i['paid_at_local'].endswith('+05:30'), len(i['lines']) > 0) for i in d['invoices'] if i['id'] == '$invoice'] == [('paid', $two_total, True, True)]"
    local number rupees_two
    number=$(json_get "[i['number'] for i in d['invoices'] if i['id'] == '$invoice'][0]")
    rupees_two=$(inr "$two_total")
    offline_in "$ASHA" invoices
    check "invoices shows the number, paid, the total in rupees, the dates in the building's time and the lines" \
        '[ $rc -eq 0 ] && out_has "$number" && out_has "paid" && out_has "₹$rupees_two" && grep -qE "paid [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} IST" <<<"$out" && out_has " x "'
    check "a due date at local midnight reads as the end of the day before, not '00:00' of the next" \
        '[ $rc -eq 0 ] && grep -qE "due [0-9]{4}-[0-9]{2}-[0-9]{2} \(end of day\) IST" <<<"$out" && ! grep -qE "due [0-9-]{10} 00:00" <<<"$out"'
    run_in "$ASHA" pay "$invoice"
    check "pay INVOICE_ID of a paid invoice exits 2 conflict saying why" \
        '[ $rc -eq 2 ] && grep -qE "memberctl: conflict: .*paid" <<<"$err"'
    run_in "$ASHA" pay inv_nonexistent
    check "pay of an unknown invoice exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'

    # An issued or overdue invoice (the seed's) paid by the number memberctl invoices shows.
    offline_in "$ASHA" --json invoices
    local due_invoice due_total due_number
    due_invoice=$(json_get "[i['id'] for i in d['invoices'] if i['status'] in ('issued', 'overdue')][0]")
    due_total=$(json_get "[i['total']['minor'] for i in d['invoices'] if i['id'] == '$due_invoice'][0]")
    due_number=$(json_get "[i['number'] for i in d['invoices'] if i['id'] == '$due_invoice'][0]")
    run_in "$ASHA" pay "$due_number"
    check "pay INV-... (the number) of an unpaid invoice prints the order to pay and the next step" \
        '[ $rc -eq 0 ] && out_has "Invoice $due_number: a Razorpay order" && out_has "Invoice     $due_invoice" && out_has "Order       order_" && out_has "memberctl pay --order order_" && ! out_has "Held until"'
    run_in "$ASHA" --json pay "$due_number"
    check_json "pay INV-... --json: the order for the invoice's total, the invoice's id" 0 \
        "d['order']['invoice_id'] == '$due_invoice' and d['order']['amount']['minor'] == $due_total and d['next'].startswith('memberctl pay --order ' + d['order']['order_id'])"
    order=$(json_get "d['order']['order_id']")
    run_in "$ASHA" pay INV-2026-0099
    check "pay of an unknown number exits 2 not_found naming it, and where the numbers are" \
        '[ $rc -eq 2 ] && err_has "memberctl: not_found:" && err_has "INV-2026-0099" && err_has "memberctl invoices"'
    # Vikram, of the same company, opens his own order for it before Asha pays.
    local VIKRAM="$work/vikram-passes" vikram_order
    sign_in_in "$VIKRAM" +919800000002
    run_in "$VIKRAM" --json pay "$due_number"
    vikram_order=$(json_get "d['order']['order_id']")
    read -r payment signature <<<"$(rzp_pay "$order" false)"
    run_in "$ASHA" pay --order "$order" --payment "$payment" --signature "$signature"
    check "its payment confirmed" '[ $rc -eq 0 ] && out_has "Payment confirmed"'
    offline_in "$ASHA" --json invoices
    check_json "the invoice is paid" 0 \
        "[(i['status'], i['paid_at'] is not None, i['refunds']) for i in d['invoices'] if i['id'] == '$due_invoice'] == [('paid', True, [])]"
    # Vikram pays his order after Asha: not charged twice in silence.
    read -r payment signature <<<"$(rzp_pay "$vikram_order" false)"
    run_in "$VIKRAM" pay --order "$vikram_order" --payment "$payment" --signature "$signature"
    check "paying an invoice already paid says so and that the payment will be refunded" \
        '[ $rc -eq 0 ] && out_has "Invoice $due_number was already paid; your payment of ₹" && out_has "will be refunded (refund ref_" && ! out_has "Payment confirmed"'
    run_in "$VIKRAM" --json pay --order "$vikram_order" --payment "$payment" --signature "$signature"
    check_json "pay --json: the refund of his payment (confirming again changes nothing)" 0 \
        "d['invoice_id'] == '$due_invoice' and d['invoice_number'] == '$due_number' and d['refund']['order_id'] == '$vikram_order' and d['refund']['amount']['minor'] == $due_total and d['refund']['reason'] == 'already_paid' and d['refund']['status'] == 'pending'"
    offline_in "$VIKRAM" invoices
    check "invoices shows the refund on the invoice" \
        '[ $rc -eq 0 ] && out_has "refund ref_" && out_has "back to the payer of order $vikram_order (pending): it was paid already"'
    offline_in "$VIKRAM" notifications
    check "he is told in the inbox" '[ $rc -eq 0 ] && out_has "Payment to be refunded"'
    offline_in "$VIKRAM" --json invoices
    check_json "invoices --json: one refund on the invoice" 0 \
        "[len(i['refunds']) for i in d['invoices'] if i['id'] == '$due_invoice'] == [1]"

    # London is priced in pounds with VAT 20%: a day pass there end to end, never in rupees.
    local lday lon_order lon_invoice
    lday=$(python3 -c 'import datetime; print(datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1))')
    run_in "$ASHA" passes quote --building LON-1 "$lday"
    check "a London day pass quotes in pounds: £25.00, VAT 20% £5.00, total £30.00, no rupee" \
        '[ $rc -eq 0 ] && out_has "£25.00" && out_has "VAT 20%" && out_has "£5.00" && out_has "£30.00" && ! out_has "₹" && ! out_has "GST"'
    run_in "$ASHA" --json passes quote --building LON-1 "$lday"
    check_json "passes quote --json in London: GBP amounts in pence, the VAT rule" 0 \
        "(q := d['quote'])['unit'] == {'minor': 2500, 'currency': 'GBP', 'text': '£25.00'} and q['tax_rule'] == {'name': 'VAT', 'rate_bp': 2000, 'text': 'VAT 20%'} and q['tax']['minor'] == 500 and q['total'] == {'minor': 3000, 'currency': 'GBP', 'text': '£30.00'}"
    run_in "$ASHA" passes buy --building LON-1 "$lday"
    check "passes buy in London: the Razorpay order is £30.00 in GBP" \
        '[ $rc -eq 0 ] && out_has "Amount      £30.00 (GBP)"'
    run_in "$ASHA" --json passes
    lon_invoice=$(json_get "[p['invoice_id'] for p in d['passes'] if p['building_id'] == 'LON-1'][0]")
    run_in "$ASHA" --json passes buy --building LON-1 "$lday"
    check_json "the same London day again is refused: one pass per person per day" 2 \
        "d['error']['code'] == 'conflict'"
    offline_in "$ASHA" --json invoices
    check_json "the London draft invoice: GBP, VAT 20% of 2500 pence" 0 \
        "[(i['total'], i['tax_rule']['text'], i['tax']['minor'], i['lines'][0]['unit']['text']) for i in d['invoices'] if i['id'] == '$lon_invoice'] == [({'minor': 3000, 'currency': 'GBP', 'text': '£30.00'}, 'VAT 20%', 500, '£25.00')]"
    lon_order=$(curl -s "$URL/v1/test/sync/view?phone=%2B919800000001" | python3 -c "
import json, sys
d = json.load(sys.stdin)
print([e['data']['order_id'] for e in d['entities'] if e['kind'] == 'invoice' and e['id'] == '$lon_invoice'][0])")
    read -r payment signature <<<"$(rzp_pay "$lon_order" false)"
    run_in "$ASHA" pay --order "$lon_order" --payment "$payment" --signature "$signature"
    check "the London order paid" '[ $rc -eq 0 ] && out_has "Payment confirmed"'
    offline_in "$ASHA" invoices
    check "invoices shows the London invoice paid in pounds with VAT 20%" \
        '[ $rc -eq 0 ] && out_has "£30.00" && out_has "VAT 20% £5.00" && out_has "1 x Day pass, Shoreditch (LON-1)"'
    offline_in "$ASHA" --json notifications
    check_json "the payment notification names the amount in pounds" 0 \
        "any(n['body'].startswith('We received £30.00 for invoice') for n in d['notifications'])"

    # Her cart held for $d1 is never paid: 16 minutes on, it is an expired checkout, not an
    # invoice "issued not yet, due none".
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"advance_ms": 960000}' >/dev/null
    run_in "$ASHA" sync
    offline_in "$ASHA" --json invoices
    check_json "invoices --json: the lapsed cart is expired, with when its hold lapsed" 0 \
        "[(i['status'], i['number'], i['voided_at'] is not None, i['issued_at']) for i in d['invoices'] if i['id'] != '$invoice' and i['status'] not in ('paid', 'issued', 'overdue')] == [('expired', '', True, None)]"
    offline_in "$ASHA" invoices
    check "invoices shows it as an expired checkout whose hold lapsed, not as an invoice to pay" \
        '[ $rc -eq 0 ] && out_has "checkout expired, the hold lapsed at" && ! out_has "issued not yet"'
}

if "$MEMBERSTUB" --list-routes 2>/dev/null | grep -qx 'POST /v1/passes/checkout'; then
    passes_tests
    stop_stub
else
    echo "SKIP day passes: this memberstub has no 'POST /v1/passes/checkout' route" \
        "(memberstub --list-routes); the passes, invoices and qr tests need it"
fi

# --- facility tickets: categories, filing offline with photos, follow, comment, resolve
# A fresh stub at this machine's time (the SLA badge compares this machine's clock with
# the server's instants). Asha files a ticket offline with a photo; the next sync sends
# it once and uploads the photo; then the bad inputs a member meets, a comment with a
# photo, resolve, reopen, and the automatic close 7 days after resolution.
# make_images DIR: a small PNG and JPEG (real images, by their bytes), a text file
# named .jpg, and a JPEG of 11 MB (over the 10 MB limit).
make_images() {
    python3 - "$1" <<'PY'
import os, struct, sys, zlib
d = sys.argv[1]
def png(w, h):
    raw = b''.join(b'\x00' + bytes([200, 60, 40]) * w for _ in range(h))
    def chunk(t, data):
        return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
def jpeg(pad=0):
    seg = lambda m, data: b'\xff' + bytes([m]) + struct.pack('>H', len(data) + 2) + data
    one_code = bytes([1] + [0] * 15) + b'\x00'
    body = (seg(0xE0, b'JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00') + seg(0xDB, b'\x00' + bytes([1] * 64))
            + seg(0xC0, b'\x08\x00\x08\x00\x08\x01\x01\x11\x00')
            + seg(0xC4, b'\x00' + one_code) + seg(0xC4, b'\x10' + one_code))
    comments = b''.join(seg(0xFE, b'x' * 65000) for _ in range(pad // 65000))
    return b'\xff\xd8' + body + comments + seg(0xDA, b'\x01\x01\x00\x00\x3f\x00') + b'\x3f\xff\xd9'
open(os.path.join(d, 'tap.png'), 'wb').write(png(64, 48))
open(os.path.join(d, 'sink.jpg'), 'wb').write(jpeg())
open(os.path.join(d, 'notes.jpg'), 'w').write('not a photo, only text named .jpg\n')
open(os.path.join(d, 'huge.jpg'), 'wb').write(jpeg(11 * 1024 * 1024))
PY
}

# A fresh stub, the test images in $2 and member $1 (Asha) signed in: where each tickets
# scenario starts.
tickets_fresh_start() {
    rm -f "$work"/stub.db*
    start_stub
    mkdir -p "$2"
    make_images "$2"
    sign_in_in "$1" +919800000001
}

tickets_tests() {
    local ASHA="$work/asha-tickets" img="$work/img"
    tickets_fresh_start "$ASHA" "$img"

    run_in "$ASHA" tickets categories
    check "tickets categories before the first sync points to sync" \
        '[ $rc -eq 0 ] && out_has "No ticket categories" && out_has "memberctl sync"'
    run_in "$ASHA" sync
    run_in "$ASHA" tickets categories
    check "tickets categories: the tree, each leaf with its team and SLA in words" \
        '[ $rc -eq 0 ] && out_has "Cleaning" && grep -qE "^  Washroom +Housekeeping +first response within 15 minutes, resolved within 1 hour$" <<<"$out" && grep -qE "^  Chair +Facilities +first response within 1 hour, resolved within 24 hours$" <<<"$out" && out_has "opening hours"'
    run_in "$ASHA" --json tickets categories
    check_json "tickets categories --json: 5 top levels and their leaves, SLA minutes and team on leaves only" 0 \
        "len([c for c in d['categories'] if not c['leaf']]) == 5 and all(c['sla'] is None and c['team'] is None and c['parent_id'] is None for c in d['categories'] if not c['leaf']) and [ (c['path'], c['team'], c['sla']) for c in d['categories'] if c['id'] == 'cleaning.washroom'] == [('Cleaning/Washroom', 'Housekeeping', {'response_min': 15, 'resolution_min': 60})]"
    run_in "$ASHA" tickets
    check "tickets with none filed says how to file one" \
        '[ $rc -eq 0 ] && out_has "No tickets" && out_has "memberctl tickets new"'

    # Offline: saved and queued at once, the photo kept on the device.
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" tickets new \
        --category "Cleaning/Washroom" --priority high --cabin "Cabin 1019" \
        --description "The washroom tap by Cabin 1019 is leaking" --photo "$img/tap.png"
    check "tickets new offline: T-… pending, queued, will be sent when online; the photo waits" \
        '[ $rc -eq 0 ] && out_has "T-… pending: queued, will be sent when online" && out_has "Cleaning/Washroom, high priority" && out_has "1. image/png, 157 bytes: waiting to upload" && out_has "set by the server once it has the ticket" && out_has "(not on the server yet)"'
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" --json tickets
    check_json "tickets offline --json: pending, no number, open, the cabin, 1 photo waiting" 0 \
        "len(d['tickets']) == 1 and d['tickets'][0]['number'] is None and d['tickets'][0]['pending'] is True and d['tickets'][0]['status'] == 'open' and d['tickets'][0]['location'] == {'kind': 'cabin', 'id': None, 'name': 'Cabin 1019'} and d['tickets'][0]['photos_waiting'] == 1 and d['tickets'][0]['sla']['state'] == 'none' and 'timeline' not in d['tickets'][0]"
    local tkt
    tkt=$(json_get "d['tickets'][0]['id']")
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" tickets
    check "tickets offline lists it as T-… pending" \
        '[ $rc -eq 0 ] && out_has "T-… pending  Cleaning/Washroom, high priority: open" && out_has "The washroom tap by Cabin 1019 is leaking"'
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" outbox
    check "the outbox holds the ticket.create" '[ $rc -eq 0 ] && out_has "ticket.create"'

    # Back online: one sync sends it and uploads the photo.
    run_in "$ASHA" sync
    check "sync sends the ticket and uploads its photo, naming it" \
        '[ $rc -eq 0 ] && out_has "Pushed 1" && out_has "photo 1 of your Cleaning/Washroom ticket: uploaded (157 bytes)"'
    run_in "$ASHA" --json tickets show "$tkt"
    check_json "tickets show --json: numbered T-1001, the server's SLA in IST, the photo uploaded, the timeline" 0 \
        "d['ticket']['number'] == 'T-1001' and d['ticket']['pending'] is False and d['ticket']['sla']['state'] == 'on_track' and d['ticket']['sla']['resolution_due_local'].endswith('+05:30') and d['ticket']['sla']['resolution_due_zone'] == 'IST' and d['ticket']['created_at_zone'] == 'IST' and [p['uploaded'] for p in d['ticket']['photos']] == [True] and d['ticket']['photos'][0]['percent'] == 100 and d['ticket']['photos'][0]['state'] == 'uploaded' and d['ticket']['photos'][0]['failure'] is None and d['ticket']['photos_failed'] == 0 and [e['type'] for e in d['ticket']['timeline']][:1] == ['created'] and 'photo' in [e['type'] for e in d['ticket']['timeline']]"
    run_in "$ASHA" tickets show T-1001
    check "tickets show T-1001: header, SLA badge and due time in IST, photo uploaded, timeline in local time" \
        '[ $rc -eq 0 ] && out_has "T-1001  Cleaning/Washroom, high priority" && grep -qE "SLA: +on track: resolution due [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} IST" <<<"$out" && out_has "1. image/png, 157 bytes: uploaded" && out_has "Timeline (BLR-1'"'"'s local time):" && grep -qE "^  [0-9-]{10} [0-9:]{5} IST  You filed it \(photo 1\)$" <<<"$out" && out_has "photo 1 reached the server" && ! out_has "UTC"'
    run_in "$ASHA" tickets
    check "tickets lists T-1001 with its SLA badge" \
        '[ $rc -eq 0 ] && out_has "T-1001  Cleaning/Washroom, high priority: open" && out_has "SLA on track: resolution due"'
    run_in "$ASHA" notifications
    check "the member is notified (support), with a link that opens the ticket" \
        '[ $rc -eq 0 ] && out_has "T-1001 received" && out_has "Link: opens ticket T-1001"'

    # Bad input: refused at once, saying what was wrong; nothing kept.
    run_in "$ASHA" tickets new --category "Cleaning/Nope" --description "x"
    check "an unknown category exits 2 naming it, with where to see them" \
        '[ $rc -eq 2 ] && err_has "not_found" && err_has "Nope" && err_has "memberctl tickets categories"'
    run_in "$ASHA" tickets new --category Cleaning --description "x"
    check "a top level is not a category to file under: the message names its leaves" \
        '[ $rc -eq 2 ] && err_has "Washroom"'
    run_in "$ASHA" --json tickets new --category "Cleaning/Nope" --description "x"
    check_json "an unknown category --json: the error object" 2 "d['error']['code'] == 'not_found'"
    run_in "$ASHA" tickets new --category it.wifi --description "$(printf 'a%.0s' $(seq 2001))"
    check "a description of 2001 characters exits 2 naming the limit" \
        '[ $rc -eq 2 ] && err_has "invalid_arg" && err_has "2000"'
    run_in "$ASHA" tickets new --category it.wifi --description "Wi-Fi down" \
        --photo "$img/tap.png" --photo "$img/tap.png" --photo "$img/tap.png" \
        --photo "$img/tap.png" --photo "$img/tap.png" --photo "$img/sink.jpg"
    check "a sixth photo exits 2 naming the limit of 5" \
        '[ $rc -eq 2 ] && err_has "invalid_arg" && err_has "5"'
    run_in "$ASHA" tickets new --category it.wifi --description "Wi-Fi down" --photo "$img/notes.jpg"
    check "a text file named .jpg exits 2: not a JPEG or PNG by its content, the file named" \
        '[ $rc -eq 2 ] && err_has "notes.jpg" && (err_has "JPEG" || err_has "image")'
    run_in "$ASHA" tickets new --category it.wifi --description "Wi-Fi down" --photo "$img/huge.jpg"
    check "a photo over 10 MB exits 2 naming the limit" \
        '[ $rc -eq 2 ] && err_has "huge.jpg" && err_has "10"'
    run_in "$ASHA" tickets new --category it.wifi --description "Wi-Fi down" --photo "$img/missing.png"
    check "a photo that is not there exits 2 naming its path" \
        '[ $rc -eq 2 ] && err_has "missing.png"'
    run_in "$ASHA" tickets new --description "Wi-Fi down"
    check "tickets new without --category exits 1" '[ $rc -eq 1 ] && err_has "--category"'
    run_in "$ASHA" tickets new --category it.wifi
    check "tickets new without --description exits 1" '[ $rc -eq 1 ] && err_has "--description"'
    run_in "$ASHA" tickets new --category it.wifi --description "x" --priority asap
    check "an unknown priority exits 1 naming it" \
        '[ $rc -eq 1 ] && err_has "--priority" && err_has "asap"'
    run_in "$ASHA" tickets new --category it.wifi --description "x" --room BLR-1-BOARD --desk D4
    check "two places exit 1: one of --room, --cabin or --desk" \
        '[ $rc -eq 1 ] && err_has "--room" && err_has "--desk"'
    run_in "$ASHA" --json tickets
    check_json "nothing was kept from the refused tickets" 0 "len(d['tickets']) == 1"
    run_in "$ASHA" tickets show T-9999
    check "tickets show of no such ticket exits 2 with where to look" \
        '[ $rc -eq 2 ] && err_has "not_found" && err_has "memberctl tickets"'
    run_in "$ASHA" tickets show
    check "tickets show without TICKET exits 1" '[ $rc -eq 1 ] && err_has "TICKET"'
    run_in "$ASHA" tickets frob
    check "an unknown tickets subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'

    # Online: a room ticket, sent at once and numbered.
    run_in "$ASHA" --json tickets new --category "IT/Wi-Fi" --priority urgent \
        --room BLR-1-BOARD --description "No Wi-Fi in the boardroom"
    check_json "tickets new online --json: sent and confirmed, T-1002, the room by name" 0 \
        "d['action'] == 'file' and d['sent'] == 'confirmed' and d['queued'] is False and d['ticket']['number'] == 'T-1002' and d['ticket']['location']['kind'] == 'room' and d['ticket']['location']['id'] == 'BLR-1-BOARD' and d['ticket']['priority'] == 'urgent'"

    # A comment with a photo, offline; the upload is named by its ticket's number.
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" tickets comment T-1001 \
        "Still dripping this morning" --photo "$img/sink.jpg"
    check "tickets comment offline: queued, the photo waits" \
        '[ $rc -eq 0 ] && out_has "Your comment on T-1001: queued, will be sent when online" && out_has "2. image/jpeg, 159 bytes, with a comment: waiting to upload"'
    run_in "$ASHA" --json sync
    check_json "sync --json: the comment's photo uploads as photo 2 of T-1001" 0 \
        "any(e['event'] == 'upload_progress' and e['ticket_number'] == 'T-1001' and e['photo_number'] == 2 and e['sent'] == e['total'] == 159 for e in d['events'])"
    run_in "$ASHA" tickets show T-1001
    check "the comment is on the timeline with its photo" \
        '[ $rc -eq 0 ] && out_has "You: \"Still dripping this morning\" (photo 2)" && out_has "2. image/jpeg, 159 bytes, with a comment: uploaded"'

    # Resolve, reopen, resolve; 8 days later it is closed and takes nothing more.
    run_in "$ASHA" tickets resolve T-1001
    check "tickets resolve: sent and confirmed, resolved, reopen until a date" \
        '[ $rc -eq 0 ] && out_has "T-1001 resolved: sent to the server and confirmed" && out_has "Status:        resolved" && out_has "Reopen until:" && grep -qE "SLA: +met: resolution due" <<<"$out"'
    run_in "$ASHA" tickets resolve T-1001
    check "resolving a resolved ticket exits 2 (state)" '[ $rc -eq 2 ] && err_has "state"'
    run_in "$ASHA" --json tickets reopen T-1001
    check_json "tickets reopen --json: open again, sent" 0 \
        "d['action'] == 'reopen' and d['ticket']['status'] == 'open' and d['sent'] == 'confirmed'"
    run_in "$ASHA" tickets reopen T-1001
    check "reopening an open ticket exits 2 (state)" '[ $rc -eq 2 ] && err_has "state"'
    run_in "$ASHA" tickets resolve T-1001
    local later
    later=$(curl -s "$URL/v1/test/clock" | python3 -c 'import json, sys; print(json.load(sys.stdin)["now_ms"] + 8 * 86400000)')
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d "{\"now_ms\": $later}" >/dev/null
    run_in "$ASHA" sync
    run_in "$ASHA" tickets show T-1001
    check "8 days after resolution the ticket is closed" \
        '[ $rc -eq 0 ] && out_has "Status:        closed" && out_has "Closed:"'
    run_in "$ASHA" tickets comment T-1001 "Hello?"
    check "a comment on a closed ticket exits 2 saying it is closed" \
        '[ $rc -eq 2 ] && err_has "closed"'
    run_in "$ASHA" tickets reopen T-1001
    check "reopening a closed ticket exits 2" '[ $rc -eq 2 ] && err_has "closed"'
    run_in "$ASHA" --json tickets
    check_json "tickets --json: active first (T-1002 open), then closed T-1001" 0 \
        "[(t['number'], t['status']) for t in d['tickets']] == [('T-1002', 'open'), ('T-1001', 'closed')]"
    run_in "$ASHA" notifications
    check "each change of T-1001 notified the member" \
        '[ $rc -eq 0 ] && out_has "T-1001 resolved" && out_has "T-1001 closed"'
}

tickets_tests
stop_stub

# --- the SLA badge: this machine's clock against the server's instants ----------
# A stub whose clock runs 2 hours behind this machine: a Wi-Fi ticket filed at LON-1
# (open all day: the SLA is wall time, 60 minutes at normal priority) is due an hour
# before this machine's now, so it shows breached; one filed 50 minutes before now has
# run 83% of its time: at risk. Times in London's zone, labelled.
tickets_sla_tests() {
    rm -f "$work"/stub.db*
    local now
    now=$(python3 -c 'import time; print(int(time.time() * 1000))')
    start_stub --clock-ms $((now - 7200000))
    local ASHA="$work/asha-sla"
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync
    run_in "$ASHA" tickets new --building LON-1 --category it.wifi --description "Wi-Fi down on floor 2"
    check "a ticket past its resolution due time shows breached, in London's time" \
        '[ $rc -eq 0 ] && grep -qE "SLA: +breached: resolution due [0-9-]{10} [0-9:]{5} (GMT|BST)$" <<<"$out" && out_has "Where:         LON-1"'
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d "{\"now_ms\": $((now - 3000000))}" >/dev/null
    run_in "$ASHA" tickets new --building LON-1 --category it.wifi --description "Wi-Fi slow in the lounge"
    run_in "$ASHA" --json tickets
    check_json "tickets --json: the badges from the server's instants: at risk, breached" 0 \
        "[(t['description'], t['sla']['state']) for t in d['tickets']] == [('Wi-Fi slow in the lounge', 'at_risk'), ('Wi-Fi down on floor 2', 'breached')] and all(t['sla']['resolution_due_zone'] in ('GMT', 'BST') for t in d['tickets'])"
    run_in "$ASHA" tickets
    check "tickets shows each badge beside the due time" \
        '[ $rc -eq 0 ] && out_has "SLA at risk: resolution due" && out_has "SLA breached: resolution due"'
}

tickets_sla_tests
stop_stub

# --- a photo the server refuses for good: the member reads it was not sent, and why --------
# Filed offline; the library's copy then changes (same size, other bytes), so the server's
# check of the whole file refuses it: sync says so once, and the ticket, its JSON and the
# list show it as not uploaded (not as waiting).
tickets_photo_failed_tests() {
    local ASHA="$work/asha-photo-failed" img="$work/img-failed"
    tickets_fresh_start "$ASHA" "$img"
    run_in "$ASHA" sync
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" tickets new \
        --category "Cleaning/Washroom" --description "The mirror is cracked" --photo "$img/tap.png"
    local copy
    copy=$(ls "$ASHA"/*-photos/pho_*.png)
    python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 0x55; open(p, "wb").write(b)' "$copy"
    run_in "$ASHA" sync
    check "sync says the refused photo was not uploaded, and why" \
        '[ $rc -eq 0 ] && out_has "photo 1 of your Cleaning/Washroom ticket not uploaded: "'
    run_in "$ASHA" tickets show T-1001
    check "tickets show: the photo is not uploaded, with the reason, not waiting" \
        '[ $rc -eq 0 ] && out_has "1. image/png, 157 bytes: not uploaded: " && ! out_has "waiting to upload"'
    run_in "$ASHA" --json tickets show T-1001
    check_json "tickets show --json: the photo failed with its reason, nothing waiting" 0 \
        "d['ticket']['photos'][0]['state'] == 'failed' and d['ticket']['photos'][0]['failure'] != '' and d['ticket']['photos'][0]['uploaded'] is False and d['ticket']['photos_waiting'] == 0 and d['ticket']['photos_failed'] == 1"
    run_in "$ASHA" tickets
    check "tickets lists the photo as not uploaded, not waiting" \
        '[ $rc -eq 0 ] && out_has "1 photo not uploaded (the server refused it: see tickets show)" && ! out_has "waiting to upload"'
}

tickets_photo_failed_tests
stop_stub

# --- the monthly credit reset across the year, in Bengaluru's zone ------------
# A fresh stub whose clock (and so its seed) starts at 31 December 23:30 in
# Bengaluru (18:00 UTC). At 20:00 UTC it is already 1 January 01:30 there:
# after a sync, ACME has its full 200 again and the ledger shows the reset
# dated 00:00 on 1 January IST (18:30 UTC), above December's lines.
credits_reset_tests() {
    rm -f "$work"/stub.db*
    start_stub --clock-ms 1798740000000
    local ASHA="$work/asha-reset"
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync
    run_in "$ASHA" --json credits
    check_json "31 December 23:30 in Bengaluru: December's balance, December's reset oldest" 0 \
        "d['credits']['balance'] == 188 and [(l['reason'], l['at_ms']) for l in d['credits']['ledger']][-1] == ('monthly_reset', 1796063400000)"
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"now_ms": 1798747200000}' >/dev/null
    run_in "$ASHA" sync
    run_in "$ASHA" --json credits
    check_json "20:00 UTC on 31 December (1 January in India): 200 again, the reset on top at 00:00 IST" 0 \
        "d['credits']['balance'] == 200 and (d['credits']['ledger'][0]['reason'], d['credits']['ledger'][0]['delta'], d['credits']['ledger'][0]['balance_after'], d['credits']['ledger'][0]['at_ms']) == ('monthly_reset', 12, 200, 1798741800000) and all(a['balance_after'] == b['balance_after'] + a['delta'] and a['at_ms'] >= b['at_ms'] for a, b in zip(d['credits']['ledger'], d['credits']['ledger'][1:]))"
    run_in "$ASHA" credits
    check "credits: 200 of 200 left, the ledger newest first with the reset first" \
        '[ $rc -eq 0 ] && out_has "200 of 200 monthly credits left" && [ "$(grep -A1 "newest first" <<<"$out" | tail -1 | grep -c monthly_reset)" -eq 1 ]'
}

credits_reset_tests
stop_stub

# --- ground staff: the building's ticket queue (memberctl staff ...) ---------
# A fresh stub at Monday 10:00 in Bengaluru. Asha files a washroom ticket (a
# ticket.create sent straight to the server, as her app would); Kiran Das
# (staff, BLR-1) works it from memberctl; Tom Reed (LON-1) cannot see it; Asha
# herself is no staff. Her device then shows what she was told.
# api_token PHONE: a session token for PHONE, signed in over the API.
api_token() {
    local q=${1/+/%2B}
    curl -s -X POST "$URL/v1/auth/otp/request" -H 'Content-Type: application/json' \
        -d "{\"phone\":\"$1\"}" >/dev/null
    local code
    code=$(curl -s "$URL/v1/test/sms/latest?phone=$q" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
    curl -s -X POST "$URL/v1/auth/otp/verify" -H 'Content-Type: application/json' \
        -d "{\"phone\":\"$1\",\"code\":\"$code\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

staff_tests() {
    rm -f "$work"/stub.db*
    start_stub --clock-ms 1799037000000
    local KIRAN="$work/kiran" TOM="$work/tom" ASHA="$work/asha-staff" token filed
    token=$(api_token +919800000001)
    filed=$(curl -s -X POST "$URL/v1/sync/push" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"client_id":"cli-staff","mutations":[
        {"mutation_id":1,"idempotency_key":"cli-staff-1","kind":"ticket.create","payload":{
        "ticket_id":"tkt_0000000000000000000000000000c011","building_id":"BLR-1",
        "category_id":"cleaning.washroom","priority":"high",
        "description":"The second-floor washroom is out of soap","location":null,"photos":[]}}]}')
    out=$filed err="" rc=0
    check "a member's ticket reaches the server (ticket.create applied)" \
        'grep -q "\"applied\"" <<<"$out"'

    sign_in_in "$KIRAN" +919800000010
    run_in "$KIRAN" staff
    check "staff without a subcommand exits 1" '[ $rc -eq 1 ] && err_has "tickets"'
    run_in "$KIRAN" staff tickets --status urgent
    check "staff tickets --status urgent exits 1 naming the word" \
        '[ $rc -eq 1 ] && err_has "urgent"'
    run_in "$KIRAN" staff tickets show
    check "staff tickets show without TICKET exits 1" '[ $rc -eq 1 ] && err_has "TICKET"'
    run_in "$KIRAN" staff --help
    check "staff --help shows every staff command" \
        '[ $rc -eq 0 ] && out_has "usage: memberctl staff" && out_has "--internal" && out_has "colleagues"'

    run_in "$KIRAN" staff tickets
    check "the queue: number, priority, SLA due in IST, status, nobody assigned" \
        '[ $rc -eq 0 ] && out_has "1 active ticket at BLR-1" && out_has "T-1001" && out_has "high" && out_has "Cleaning/Washroom" && out_has "2027-01-04 10:30 IST" && out_has "open" && grep -q "T-1001.* -$" <<<"$out"'
    run_in "$KIRAN" --json staff tickets
    check_json "the queue as JSON: the reporter, the SLA due in local time, no timeline" 0 \
        "len(d['tickets']) == 1 and d['tickets'][0]['number'] == 'T-1001' and d['tickets'][0]['reporter_name'] == 'Asha Rao' and d['tickets'][0]['resolution_due_local'] == '2027-01-04T10:30:00+05:30' and d['tickets'][0]['resolution_due_zone'] == 'IST' and d['tickets'][0]['status'] == 'open' and 'timeline' not in d['tickets'][0]"

    run_in "$KIRAN" staff tickets start T-1001
    check "starting an open ticket exits 2 with the rule's words" \
        '[ $rc -eq 2 ] && err_has "assign it first"'
    run_in "$KIRAN" staff tickets assign T-1001 --to "Tom Reed"
    check "assigning to someone of another building exits 2 naming the building's staff" \
        '[ $rc -eq 2 ] && err_has "Tom Reed" && err_has "Priya Nair"'
    run_in "$KIRAN" staff tickets assign T-1001
    check "assign to yourself: assigned, the member was told" \
        '[ $rc -eq 0 ] && out_has "T-1001 is assigned to Kiran Das" && out_has "assigned, with Kiran Das"'
    run_in "$KIRAN" staff tickets assign T-1001 --to "priya nair"
    check "assign to a colleague by name" \
        '[ $rc -eq 0 ] && out_has "T-1001 is assigned to Priya Nair"'
    run_in "$KIRAN" staff tickets assign T-1001 --to me
    check "assign back to yourself with --to me" \
        '[ $rc -eq 0 ] && out_has "T-1001 is assigned to Kiran Das"'
    run_in "$KIRAN" staff tickets start T-1001
    check "start: in progress" '[ $rc -eq 0 ] && out_has "T-1001 is in progress"'
    run_in "$KIRAN" staff tickets comment T-1001 "Refilling it now."
    check "a public reply" '[ $rc -eq 0 ] && out_has "Reply added to T-1001" && out_has "Kiran Das replied: Refilling it now."'
    run_in "$KIRAN" staff tickets comment T-1001 "Dispenser lid cracked; order one." --internal
    check "an internal note, marked as such" \
        '[ $rc -eq 0 ] && out_has "Internal note added" && out_has "[internal note] Kiran Das: Dispenser lid cracked"'
    run_in "$KIRAN" --json staff tickets show T-1001
    check_json "show as JSON: the note apart from the timeline the member sees" 0 \
        "d['ticket']['status'] == 'in_progress' and [n['text'] for n in d['ticket']['notes']] == ['Dispenser lid cracked; order one.'] and not any('cracked' in e['text'] for e in d['ticket']['timeline'])"
    run_in "$KIRAN" staff tickets resolve T-1001
    check "resolve within the SLA: met" '[ $rc -eq 0 ] && out_has "T-1001 is resolved (SLA met)"'
    run_in "$KIRAN" staff tickets
    check "the active queue is empty again" '[ $rc -eq 0 ] && out_has "No active tickets"'
    run_in "$KIRAN" staff tickets --status resolved
    check "the resolved queue has it, met" '[ $rc -eq 0 ] && out_has "T-1001" && out_has "(met)"'
    run_in "$KIRAN" staff colleagues
    check "colleagues: the building's staff" \
        '[ $rc -eq 0 ] && out_has "Kiran Das" && out_has "Priya Nair" && ! out_has "Tom Reed"'
    run_in "$KIRAN" --json staff colleagues
    check_json "colleagues as JSON" 0 "[s['name'] for s in d['staff']] == ['Kiran Das', 'Priya Nair']"

    sign_in_in "$TOM" +447700900010
    run_in "$TOM" staff tickets show T-1001
    check "another building's staff: not found" '[ $rc -eq 2 ] && err_has "not_found"'
    run_in "$TOM" staff tickets comment tkt_0000000000000000000000000000c011 "hello"
    check "another building's staff cannot comment by id either" '[ $rc -eq 2 ] && err_has "not_found"'
    run_in "$TOM" staff tickets --status all
    check "another building's queue is empty" '[ $rc -eq 0 ] && out_has "No tickets"'

    # (a minute on: her number was sent a code above, and codes are 30 s apart)
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"advance_ms": 60000}' >/dev/null
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" staff tickets
    check "a member is refused: staff only" \
        '[ $rc -eq 2 ] && err_has "forbidden" && err_has "staff only" && err_has "staff account"'
    run_in "$ASHA" sync
    run_in "$ASHA" --json notifications
    check_json "the member was told of each step, never of the note" 0 \
        "len([n for n in d['notifications'] if n['category'] == 'support' and n['title'].startswith('T-1001')]) >= 5 and not any('cracked' in n['body'] for n in d['notifications'])"
    stop_stub
}

staff_tests

# --- visitors and the notifications hub ----------------------------------------
# A fresh stub at this machine's now (the core checks an invitation's date by this
# machine's clock, the door by the stub's). Asha sets where her bookings notifications
# reach her (offline, then synced), quiet hours, registers a push token, invites two
# visitors for the next day BLR-1 is open (one offline), one again and cancels it; the
# stub's clock then moves to that day: the first visitor's QR code (from the email) is
# scanned in at the door, Kiran checks the second in by the code from her SMS, and Asha
# gets "Visitor waiting at reception" on push and SMS, not email. Then walk-ins: one
# approved, one left 15 minutes (declined by the server, her late answer refused).
# deliveries QUERY: the stub's record of what went out (GET /v1/test/deliveries?QUERY).
deliveries() {
    curl -s "$URL/v1/test/deliveries?$1"
}

# The stores and the token of the scenario below.
V_ASHA="$work/asha-visitors"
V_KIRAN="$work/kiran-visitors"
V_TOM="$work/tom-visitors"
V_TOKEN="tok-asha-phone-7d1f0c"

# Preferences and the push token, on a fresh stub at this machine's now.
hub_prefs_tests() {
    local ASHA=$V_ASHA token=$V_TOKEN
    rm -f "$work"/stub.db* "$work/all-output"
    start_stub
    stub_clock_now >/dev/null
    sign_in_in "$ASHA" +919800000001
    run_in "$ASHA" sync

    # Preferences: the table, a switch made offline, then sent.
    run_in "$ASHA" notifications prefs
    check "prefs: categories by push, email and SMS, what always reaches her and quiet hours in IST" \
        '[ $rc -eq 0 ] && grep -qE "^  bookings +on +off +off" <<<"$out" && out_has "Visitor arrivals always reach you (someone is waiting for you at reception)" && out_has "Payment confirmations always reach you" && out_has "Quiet hours: 22:00–07:00 IST"'
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" notifications prefs set bookings sms on
    check "prefs set offline is saved and queued" \
        '[ $rc -eq 0 ] && out_has "SMS for bookings switched on: saved on this device and queued" && out_has "SMS on (pending)"'
    run_in "$ASHA" notifications prefs
    check "prefs marks the change not yet confirmed" \
        '[ $rc -eq 0 ] && grep -qE "^  bookings +on +off +on \(pending\)" <<<"$out"'
    run_in "$ASHA" sync
    run_in "$ASHA" --json notifications prefs
    check_json "after the sync: bookings by SMS on, confirmed, synced" 0 \
        "d['prefs']['channels']['bookings'] == {'push': True, 'email': False, 'sms': True} and not any(any(r.values()) for r in d['prefs']['pending'].values()) and d['prefs']['synced'] is True and d['prefs']['always']['bookings'].startswith('Visitor arrivals')"
    run_in "$ASHA" notifications prefs set bookings sms on
    check "prefs set to what it is already sends nothing" '[ $rc -eq 0 ] && out_has "already; nothing to send"'
    run_in "$ASHA" notifications prefs set bookings push off
    check "switching off bookings' push: sent, and a reminder of what still reaches her" \
        '[ $rc -eq 0 ] && out_has "push for bookings switched off: sent to the server and confirmed" && out_has "Still: Visitor arrivals always reach you"'
    run_in "$ASHA" --json notifications prefs set bookings push on
    check_json "prefs set --json: the cell, sent and the preferences" 0 \
        "d['category'] == 'bookings' and d['channel'] == 'push' and d['on'] is True and d['sent'] == 'confirmed' and d['queued'] is False and d['prefs']['channels']['bookings']['push'] is True"
    run_in "$ASHA" notifications prefs quiet 23:00-06:30
    check "quiet hours set, in her building's time" \
        '[ $rc -eq 0 ] && out_has "Quiet hours 23:00–06:30 IST: sent to the server and confirmed" && out_has "wait until 06:30 IST"'
    run_in "$ASHA" --json notifications prefs
    check_json "quiet hours as JSON" 0 \
        "d['prefs']['quiet_hours'] == {'enabled': True, 'from': '23:00', 'to': '06:30', 'from_min': 1380, 'to_min': 390, 'zone': 'IST', 'pending': False}"
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" --json notifications prefs quiet off
    check_json "quiet hours off, offline: queued, the hours kept for later" 0 \
        "d['quiet_hours']['enabled'] is False and d['quiet_hours']['pending'] is True and d['quiet_hours']['from'] == '23:00' and d['queued'] is True and d['sent'] == 'queued'"
    run_in "$ASHA" notifications prefs
    check "prefs: quiet hours off, pending until the server has it" \
        '[ $rc -eq 0 ] && out_has "Quiet hours: off (pending): push and SMS reach you at any hour."'
    run_in "$ASHA" notifications prefs quiet 23:00-06:30
    check "quiet hours back on: the queued off and this one sent" \
        '[ $rc -eq 0 ] && out_has "Quiet hours 23:00–06:30 IST: sent to the server and confirmed"'

    # This device's push token: never printed.
    run_in "$ASHA" push register "$token"
    check "push register: sent and confirmed, the token not shown" \
        '[ $rc -eq 0 ] && out_has "Push token (fcm) registered for this device: sent to the server and confirmed" && ! out_has "$token"'
    run_in "$ASHA" push register "$token"
    check "push register of the same token sends nothing" '[ $rc -eq 0 ] && out_has "already registered"'
    check "the server has the token" \
        'curl -s "$URL/v1/test/push_tokens?phone=%2B919800000001" | grep -qF "$token"'
}

# Invitations, arrivals, reception and walk-ins, on the same stub.
visitors_tests() {
    local ASHA=$V_ASHA KIRAN=$V_KIRAN TOM=$V_TOM
    local now d1 sunday ravi meera again walk1 walk2
    now=$(curl -s "$URL/v1/test/clock" | python3 -c 'import json, sys; print(json.load(sys.stdin)["now_ms"])')
    d1=$(python3 -c '
import datetime, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(int(sys.argv[1]) / 1000, ist).date() + datetime.timedelta(days=1)
while day.isoweekday() == 7 or day.isoformat() == "2027-01-26":
    day += datetime.timedelta(days=1)
print(day.isoformat())' "$now")
    sunday=$(python3 -c '
import datetime, sys
day = datetime.date.fromisoformat(sys.argv[1])
print(day + datetime.timedelta(days=7 - day.isoweekday()))' "$d1")
    local d1_words
    d1_words=$(python3 -c '
import datetime, sys
d = datetime.date.fromisoformat(sys.argv[1])
this_year = datetime.datetime.now(datetime.timezone.utc).year
print("%s %d %s%s" % (d.strftime("%a"), d.day, d.strftime("%b"), "" if d.year == this_year else " %d" % d.year))' "$d1")
    # Invitations.
    run_in "$ASHA" visitors invite --name "Ravi Kumar" --email ravi.visitor@example.in \
        --phone "+91 98111 22233" --date "$d1" --from 10:00 --to 12:00
    check "invite: sent, the QR emailed and the code texted, the date in words" \
        '[ $rc -eq 0 ] && out_has "Invited Ravi Kumar to BLR-1 on $d1_words" && out_has "10:00–12:00 IST: sent to the server and confirmed" && out_has "The server emailed their QR code to ravi.visitor@example.in and texted the entry code to +919811122233" && out_has ": invited"'
    ravi=$(grep -oE "vis_[0-9a-f]{32}" <<<"$out" | head -1)
    check "the visitor has an id" '[ -n "$ravi" ]'
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" visitors invite --name "Meera Iyer" \
        --email meera.visitor@example.in --phone 9811122244 --date "$d1"
    check "invite offline: saved and queued, pending" \
        '[ $rc -eq 0 ] && out_has "saved on this device and queued" && out_has "Once the server has the invitation, it emails" && out_has "invited (pending)"'
    meera=$(grep -oE "vis_[0-9a-f]{32}" <<<"$out" | head -1)
    run_in "$ASHA" visitors
    check "visitors: both upcoming, soonest window first, one pending" \
        '[ $rc -eq 0 ] && out_has "2 upcoming visitors" && out_has "Ravi Kumar <ravi.visitor@example.in>, +919811122233" && out_has "BLR-1, $d1_words, 10:00–12:00 IST: invited" && out_has "invited (pending)"'
    run_in "$ASHA" sync
    run_in "$ASHA" --json visitors
    check_json "visitors --json: both confirmed, Ravi's window, Meera's none" 0 \
        "[(v['name'], v['status'], v['pending'], v['window']) for v in d['visitors']] == [('Meera Iyer', 'invited', False, None), ('Ravi Kumar', 'invited', False, {'from': '10:00', 'to': '12:00', 'from_min': 600, 'to_min': 720, 'zone': 'IST'})] or [(v['name'], v['status'], v['pending']) for v in d['visitors']] == [('Ravi Kumar', 'invited', False), ('Meera Iyer', 'invited', False)]"
    run_in "$ASHA" visitors show "$ravi"
    check "visitors show: one visitor, in words" \
        '[ $rc -eq 0 ] && out_has "Visitor $ravi: Ravi Kumar" && out_has "$d1_words, 10:00–12:00 IST" && out_has "opens the door at BLR-1 on $d1_words only"'
    run_in "$ASHA" visitors show vis_00000000000000000000000000000000
    check "visitors show of an unknown id exits 2 with a hint" \
        '[ $rc -eq 2 ] && err_has "not_found" && err_has "memberctl visitors --all"'
    run_in "$ASHA" visitors invite --name "Sam Lee" --email sam@example.in --date "$sunday"
    check "an invitation on a Sunday is refused naming the rule" \
        '[ $rc -eq 2 ] && err_has "closed" && err_has "memberctl buildings"'
    run_in "$ASHA" visitors invite --name "Sam Lee" --email sam@example.in --date 2020-01-01
    check "an invitation in the past is refused" '[ $rc -eq 2 ] && err_has "past"'
    run_in "$ASHA" visitors invite --name "Sam Lee" --email not-an-email --date "$d1"
    check "a bad email is refused naming it" '[ $rc -eq 2 ] && err_has "invalid_argument" && err_has "email"'
    run_in "$ASHA" visitors invite --name "Sam Lee" --email sam@example.in --date "$d1" --building NOPE-9
    check "an unknown building is refused with a hint" '[ $rc -eq 2 ] && err_has "not_found" && err_has "memberctl buildings"'
    check "no refusal shows an API path" '! grep -q "/v1/" "$work/all-output"'

    # The same person again, then cancelled.
    run_in "$ASHA" --json visitors invite --again "$ravi" --date "$d1"
    check_json "invite --again copies name, email, phone and building" 0 \
        "d['action'] == 'invite' and d['sent'] == 'confirmed' and d['visitor']['name'] == 'Ravi Kumar' and d['visitor']['email'] == 'ravi.visitor@example.in' and d['visitor']['phone'] == '+919811122233' and d['visitor']['building_id'] == 'BLR-1' and d['visitor']['id'] != '$ravi' and d['visitor']['window'] is None"
    again=$(json_get "d['visitor']['id']")
    run_in "$ASHA" visitors cancel "$again"
    check "cancel: sent, the code no longer opens the door" \
        '[ $rc -eq 0 ] && out_has "Cancelled the invitation of Ravi Kumar" && out_has "Their code no longer opens the door." && out_has "cancelled: the code no longer opens the door"'
    run_in "$ASHA" visitors cancel "$again"
    check "cancelling it again exits 2 naming its state, with a hint" \
        '[ $rc -eq 2 ] && err_has "invalid_state" && err_has "memberctl visitors show"'
    run_in "$ASHA" visitors invite --again vis_00000000000000000000000000000000 --date "$d1"
    check "invite --again of an unknown visitor exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'

    # What the visitors received.
    local mail_json
    mail_json=$(curl -s "$URL/v1/test/emails?to=ravi.visitor@example.in")
    python3 -c '
import base64, json, sys
mails = [m for m in json.load(sys.stdin)["emails"] if m["attachments"]]
open(sys.argv[1], "wb").write(base64.b64decode(mails[0]["attachments"][0]["content_base64"]))' \
        "$work/ravi-qr.png" <<<"$mail_json"
    local ravi_payload cancelled_payload
    ravi_payload=$(zbarimg --raw -q "$work/ravi-qr.png" 2>/dev/null | tr -d '\r\n')
    check "Ravi's email carries his door QR code (a visitor code)" '[[ "$ravi_payload" == MC1\|crd_*\|G\|* ]]'
    python3 -c '
import base64, json, sys
mails = [m for m in json.load(sys.stdin)["emails"] if m["attachments"]]
open(sys.argv[1], "wb").write(base64.b64decode(mails[-1]["attachments"][0]["content_base64"]))' \
        "$work/again-qr.png" <<<"$mail_json"
    cancelled_payload=$(zbarimg --raw -q "$work/again-qr.png" 2>/dev/null | tr -d '\r\n')
    local meera_code
    meera_code=$(curl -s "$URL/v1/test/sms?phone=%2B919811122244" | python3 -c '
import json, re, sys
m = [x["body"] for x in json.load(sys.stdin)["messages"] if "Entry code" in x["body"]]
print(re.search(r"Entry code ([0-9]{4} [0-9]{4})", m[-1]).group(1) if m else "")')
    check "Meera got an SMS with her 8-digit entry code" '[[ "$meera_code" =~ ^[0-9]{4}\ [0-9]{4}$ ]]'

    # The day of the visit, 10:05 in Bengaluru.
    local visit_ms
    visit_ms=$(python3 -c '
import datetime, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
d = datetime.date.fromisoformat(sys.argv[1])
print(int(datetime.datetime(d.year, d.month, d.day, 10, 5, tzinfo=ist).timestamp() * 1000))' "$d1")
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d "{\"now_ms\": $visit_ms}" >/dev/null
    local scan
    scan=$(door_scan MUM-1 "$ravi_payload")
    out=$scan err="" rc=0
    check "Ravi's code at another building is refused" 'grep -q "\"granted\": *false" <<<"$out"'
    scan=$(door_scan BLR-1 "$cancelled_payload")
    out=$scan
    check "the cancelled invitation's code is refused" 'grep -q "\"granted\": *false" <<<"$out"'
    scan=$(door_scan BLR-1 "$ravi_payload")
    out=$scan
    check "Ravi's code opens BLR-1's door on the day" 'grep -q "\"granted\": *true" <<<"$out"'

    # Reception: Kiran checks Meera in by the code from her SMS.
    sign_in_in "$KIRAN" +919800000010
    run_in "$KIRAN" staff visitors
    check "reception's day: each visitor with window, host and status in words" \
        '[ $rc -eq 0 ] && out_has "3 visitors at BLR-1 on $d1_words" && grep -qE "10:00–12:00 IST +Ravi Kumar +host Asha Rao +arrived [0-9]{2}:[0-9]{2} IST \(scanned in at the door\)" <<<"$out" && grep -qE "any time +Meera Iyer +host Asha Rao +invited" <<<"$out" && out_has "cancelled"'
    run_in "$KIRAN" staff visitors checkin "$meera_code"
    check "checkin by the SMS code: the host was told" \
        '[ $rc -eq 0 ] && out_has "Meera Iyer is checked in; Asha Rao was told \"Visitor waiting at reception\"" && out_has "checked in at reception"'
    run_in "$KIRAN" staff visitors checkin "$meera"
    check "checking her in again exits 2 saying she has arrived" '[ $rc -eq 2 ] && err_has "arrived"'
    run_in "$KIRAN" staff visitors checkin "$again"
    check "checking in a cancelled invitation exits 2 saying so" '[ $rc -eq 2 ] && err_has "cancel"'
    run_in "$KIRAN" --json staff visitors --date "$d1"
    check_json "reception's day as JSON, with the hosts" 0 \
        "len(d['visitors']) == 3 and all(v['host_name'] == 'Asha Rao' for v in d['visitors']) and sorted(v['checked_in_by'] or '' for v in d['visitors']) == ['', 'door', 'reception']"
    sign_in_in "$TOM" +447700900010
    run_in "$TOM" staff visitors checkin "$meera"
    check "another building's reception: not found" '[ $rc -eq 2 ] && err_has "not_found"'
    run_in "$ASHA" staff visitors
    check "a member is refused reception's list" '[ $rc -eq 2 ] && err_has "forbidden" && err_has "staff account"'

    # Asha's alerts: in the inbox, and on the channels she chose (push and SMS, not email).
    run_in "$ASHA" sync
    run_in "$ASHA" notifications
    check "the inbox: Visitor waiting at reception, urgent, its link in words" \
        '[ $rc -eq 0 ] && out_has "Visitor waiting at reception (urgent)" && out_has "Link: opens visitor"'
    run_in "$ASHA" --json notifications
    check_json "two visitor.arrived notifications, urgent, linking the visitors" 0 \
        "sorted(n['deep_link'] for n in d['notifications'] if n['kind'] == 'visitor.arrived' and n['deep_link']) == sorted(['membercore://visitors/$ravi', 'membercore://visitors/$meera']) and all(n['urgent'] and n['link_kind'] == 'visitor' for n in d['notifications'] if n['kind'] == 'visitor.arrived' and n['deep_link'])"
    out=$(deliveries "phone=%2B919800000001&kind=visitor.arrived") err="" rc=0
    check "each arrival went out by push and SMS, not email, once each" \
        'python3 -c "import json, sys; d = json.load(sys.stdin)[\"deliveries\"]; ch = sorted(x[\"channel\"] for x in d); sys.exit(0 if ch == [\"push\", \"push\", \"sms\", \"sms\"] and all(x[\"status\"] == \"sent\" for x in d) else 1)" <<<"$out"'
    # (--all: this machine's today is before the stub's, which moved to the visit)
    run_in "$ASHA" visitors --all
    check "her visitors: arrived at the door and at reception, in IST" \
        '[ $rc -eq 0 ] && grep -qE "arrived [0-9]{2}:[0-9]{2} IST \(scanned in at the door\)" <<<"$out" && grep -qE "arrived [0-9]{2}:[0-9]{2} IST \(checked in at reception\)" <<<"$out"'

    # Walk-ins: one approved, one left unanswered.
    run_in "$KIRAN" staff visitors walk-in --host +919800000001 --name "Dev Patel"
    check "a walk-in: the host is asked, the deadline in IST" \
        '[ $rc -eq 0 ] && out_has "Walk-in Dev Patel registered for Asha Rao" && out_has "10:20 IST" && out_has "waiting for the host'"'"'s answer"'
    walk1=$(grep -oE "vis_[0-9a-f]{32}" <<<"$out" | head -1)
    run_in "$KIRAN" staff visitors walk-in --host +919800009999 --name "Dev Patel"
    check "a walk-in for a number no member has exits 2 with a hint" \
        '[ $rc -eq 2 ] && err_has "not_found" && err_has "host'"'"'s number"'
    run_in "$ASHA" sync
    run_in "$ASHA" visitors --all
    check "her visitors: a walk-in waiting for her answer, with how to answer" \
        '[ $rc -eq 0 ] && out_has "(walk-in): a walk-in waiting for your answer until" && out_has "memberctl visitors approve ID"'
    run_in "$ASHA" visitors approve "$walk1"
    check "approve: sent, reception lets them in" \
        '[ $rc -eq 0 ] && out_has "Approved Dev Patel, waiting at BLR-1 reception: sent to the server and confirmed" && out_has "Reception lets them in."'
    run_in "$ASHA" visitors decline "$walk1"
    check "answering twice exits 2" '[ $rc -eq 2 ] && err_has "invalid_state"'
    run_in "$KIRAN" --json staff visitors walk-in --host +919800000001 --name "Nisha Rao"
    walk2=$(json_get "d['visitor']['id']")
    run_in "$ASHA" sync
    curl -s -X POST "$URL/v1/test/clock" -H 'Content-Type: application/json' \
        -d '{"advance_ms": 960000}' >/dev/null
    run_in "$ASHA" visitors approve "$walk2"
    check "an answer after 15 minutes is refused by the server, in words" \
        '[ $rc -eq 2 ] && { err_has "approval_expired" || err_has "declined"; }'
    run_in "$ASHA" sync
    run_in "$ASHA" --json visitors show "$walk2"
    check_json "the walk-in was declined by the timeout" 0 \
        "d['visitor']['status'] == 'declined' and d['visitor']['declined_by_timeout'] is True and d['visitor']['walk_in'] is True"

}

# Mark all read, a category first; the push token unregistered.
hub_inbox_tests() {
    local ASHA=$V_ASHA token=$V_TOKEN
    # Mark all read, a category first (offline: queued).
    capture "$MEMBERCTL" --server "$DEAD_URL" --data-dir "$ASHA" notifications read --all --category events
    check "read --all --category events offline: saved and queued" \
        '[ $rc -eq 0 ] && grep -qE "Marked [0-9]+ events notifications? read: saved on this device and queued" <<<"$out"'
    run_in "$ASHA" notifications read --all --category bookings
    check "read --all --category bookings: sent and confirmed" \
        '[ $rc -eq 0 ] && grep -qE "Marked [0-9]+ bookings notifications? read: sent to the server and confirmed" <<<"$out"'
    run_in "$ASHA" --json notifications
    check_json "no bookings notification is unread; others still are" 0 \
        "d['unread_by_category']['bookings'] == 0 and d['unread_total'] > 0"
    run_in "$ASHA" --json read --all
    check_json "read --all --json: how many, sent" 0 "d['marked'] > 0 and d['category'] is None and d['sent'] == 'confirmed'"
    run_in "$ASHA" read --all
    check "read --all with nothing unread sends nothing" '[ $rc -eq 0 ] && out_has "Nothing unread; nothing to send."'

    run_in "$ASHA" push unregister
    check "push unregister: sent, no more pushes to this device" \
        '[ $rc -eq 0 ] && out_has "unregistered: sent to the server and confirmed"'
    check "the server no longer has the token" \
        '! curl -s "$URL/v1/test/push_tokens?phone=%2B919800000001" | grep -qF "$token"'
    run_in "$ASHA" push unregister
    check "push unregister with no token sends nothing" '[ $rc -eq 0 ] && out_has "No push token is registered"'
    check "the push token never appeared in any output" '! grep -qF "$token" "$work/all-output"'
}

if "$MEMBERSTUB" --list-routes 2>/dev/null | grep -qx 'GET /v1/test/deliveries'; then
    hub_prefs_tests
    if "$MEMBERSTUB" --list-routes 2>/dev/null | grep -qx 'POST /v1/staff/visitors/checkin'; then
        visitors_tests
    else
        echo "SKIP visitors: this memberstub has no 'POST /v1/staff/visitors/checkin' route"
    fi
    hub_inbox_tests
    stop_stub
else
    echo "SKIP notification preferences: this memberstub has no 'GET /v1/test/deliveries' route"
fi

# --- issue 13: Today, desks, announcements, offers, calendar, waitlists ------------------
# Against a fresh stub whose clock is this machine's (memberctl reads this machine's
# clock). Each part runs when memberctl has its command and the stub its routes.

# has_command NAME: this memberctl has the command.
has_command() { "$MEMBERCTL" help "$1" >/dev/null 2>&1; }
# has_route "METHOD PATH": this memberstub serves it.
has_route() { "$MEMBERSTUB" --list-routes 2>/dev/null | grep -qx "$1"; }

# i13_open_day N: the Nth day (from 1) after the stub's today on which BLR-1 is open (not
# Sunday, not the 2027-01-26 blackout), in Asia/Kolkata.
i13_open_day() {
    curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(json.load(sys.stdin)["now_ms"] / 1000, ist).date()
n = int(sys.argv[1])
while n > 0:
    day += datetime.timedelta(days=1)
    if day.isoweekday() != 7 and day.isoformat() != "2027-01-26":
        n -= 1
print(day.isoformat())' "$1"
}

# i13_sunday: the first Sunday after the stub's today in Asia/Kolkata.
i13_sunday() {
    curl -s "$URL/v1/test/clock" | python3 -c '
import datetime, json, sys
ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
day = datetime.datetime.fromtimestamp(json.load(sys.stdin)["now_ms"] / 1000, ist).date()
print(day + datetime.timedelta(days=7 - day.isoweekday() if day.isoweekday() != 7 else 7))'
}

i13_usage_tests() {
    local c
    for c in today desks announcements offers calendar; do
        if has_command "$c"; then
            run "$c" --help
            check "$c --help exits 0 with its usage and its JSON shape" \
                "[ \$rc -eq 0 ] && out_has 'usage: memberctl $c' && out_has 'JSON:'"
        fi
    done
    if has_command desks; then
        run desks search
        check "desks search without --date exits 1 naming it" '[ $rc -eq 1 ] && err_has "--date"'
        run desks search --date 2027-02-30
        check "desks search with a date that is no date exits 1 naming it" \
            '[ $rc -eq 1 ] && err_has "--date" && err_has "2027-02-30"'
        run desks book --date 2027-03-01 --pay plan
        check "desks book without DESK exits 1" '[ $rc -eq 1 ] && err_has "missing DESK"'
        run desks book BLR-1-D07 --date 2027-03-01
        check "desks book without --pay exits 1 naming the ways" \
            '[ $rc -eq 1 ] && err_has "--pay" && err_has "plan, credits or razorpay"'
        run desks book BLR-1-D07 --date 2027-03-01 --pay cash
        check "desks book --pay cash exits 1 naming it" '[ $rc -eq 1 ] && err_has "cash"'
        run desks pay dsk_1 --order order_1 --payment pay_1
        check "desks pay without --signature exits 1 naming it" \
            '[ $rc -eq 1 ] && err_has "--signature"'
        run desks cancel
        check "desks cancel without an id exits 1" '[ $rc -eq 1 ] && err_has "DESK_BOOKING_ID"'
        run desks frob
        check "desks with an unknown subcommand exits 1 naming it" '[ $rc -eq 1 ] && err_has "frob"'
    fi
    if has_command announcements; then
        run announcements read
        check "announcements read without an id exits 1" \
            '[ $rc -eq 1 ] && err_has "ANNOUNCEMENT_ID"'
    fi
    if has_command offers; then
        run offers redeem
        check "offers redeem without an id exits 1" '[ $rc -eq 1 ] && err_has "OFFER_ID"'
    fi
    if has_command calendar; then
        run calendar export
        check "calendar export without --out exits 1 naming it" '[ $rc -eq 1 ] && err_has "--out"'
        run calendar export --out "$work/x.ics" --from 2027-03-10 --to 2027-03-01
        check "calendar export with --to before --from exits 1 naming both" \
            '[ $rc -eq 1 ] && err_has "--to" && err_has "--from"'
        run calendar export --out "$work/x.ics" --from yesterday
        check "calendar export with a junk --from exits 1 naming it" \
            '[ $rc -eq 1 ] && err_has "--from" && err_has "yesterday"'
    fi
}

i13_desks_tests() {
    local ASHA=$I13_ASHA VIKRAM=$I13_VIKRAM NEWBIE=$I13_NEWBIE d1 d2 sunday booking order pay
    d1=$(i13_open_day 2)
    d2=$(i13_open_day 3)
    sunday=$(i13_sunday)
    run_in "$ASHA" desks search --date "$d1"
    check "desks search (her building): the free hot desks, the cut-off in IST, her ways to pay" \
        '[ $rc -eq 0 ] && out_has "Hot desks free at BLR-1" && out_has "BLR-1-D07" && out_has "D07, Window bay" && out_has "Check in at the door by 11:00 IST" && out_has "plan (8 desk days left this month)" && out_has "₹708.00 by card" && ! out_has "BLR-1-D14"'
    run_in "$ASHA" --json desks search --date "$d1"
    check_json "desks search --json: 12 hot desks, the price with GST, the cut-off in local time" 0 \
        "d['building_id'] == 'BLR-1' and len(d['desks']) == 12 and d['pay']['day_price'] == {'minor': 70800, 'currency': 'INR', 'text': '₹708.00'} and d['pay']['desk_days_left'] == 8 and d['pay']['day_credits'] == 4 and d['checkin_by_local'].endswith('T11:00:00+05:30') and d['checkin_by_zone'] == 'IST' and d['why_none'] is None"
    run_in "$ASHA" --json desks search --date "$d1" --feature standing
    check_json "desks search --feature standing: D03, D08, D11" 0 \
        "[x['id'] for x in d['desks']] == ['BLR-1-D03', 'BLR-1-D08', 'BLR-1-D11']"
    run_in "$ASHA" --json desks search --date "$d1" --feature standing --area "quiet zone"
    check_json "desks search --area (any case) and --feature together: D03 only" 0 \
        "[x['id'] for x in d['desks']] == ['BLR-1-D03'] and d['desks'][0]['area'] == 'Quiet zone'"
    run_in "$ASHA" desks search --date "$d1" --feature jetpack
    check "desks search with an unknown feature exits 2 naming it" \
        '[ $rc -eq 2 ] && err_has "jetpack"'
    run_in "$ASHA" --json desks search --date "$sunday"
    check_json "desks search on a Sunday: none, the rule named" 0 \
        "d['desks'] == [] and d['why_none']['rule'] == 'closed'"

    # Booked with a plan desk day while offline: pending, queued; sync confirms it.
    offline_in "$ASHA" desks book BLR-1-D07 --date "$d1" --pay plan
    check "desks book --pay plan offline: pending, saved and queued" \
        '[ $rc -eq 0 ] && out_has "booked, pending until the server confirms" && out_has "Saved on this device and queued" && out_has "1 desk day"'
    offline_in "$ASHA" --json desks
    check_json "desks offline: the desk day is pending" 0 \
        "[(b['desk_id'], b['status'], b['pending'], b['paid_by']) for b in d['desk_bookings']] == [('BLR-1-D07', 'pending', True, 'plan')]"
    booking=$(json_get "d['desk_bookings'][0]['id']")
    offline_in "$ASHA" desks book BLR-1-D08 --date "$d1" --pay plan
    check "a second desk the same day is refused at once, naming the rule" \
        '[ $rc -eq 2 ] && err_has "memberctl: conflict:" && err_has "See the free desks"'
    offline_in "$ASHA" --json desks book BLR-1-D08 --date "$d1" --pay plan
    check_json "the refusal with --json carries its rule: already_booked" 2 \
        "d['error']['code'] == 'conflict' and d['error']['rule'] == 'already_booked'"
    run_in "$ASHA" sync
    run_in "$ASHA" --json desks
    check_json "after the sync the desk day is confirmed, with its door credential" 0 \
        "[(b['status'], b['pending'], b['credential_id'] != '') for b in d['desk_bookings'] if b['id'] == '$booking'] == [('confirmed', False, True)]"
    run_in "$ASHA" desks
    check "desks lists it: confirmed, paid by plan, the cut-off in IST, the door code" \
        '[ $rc -eq 0 ] && out_has "BLR-1-D07 (D07, Window bay), BLR-1" && out_has "confirmed, paid by plan: 1 desk day; check in at the door by 11:00 IST" && out_has "door code"'

    # Online, with credits: confirmed at once.
    run_in "$ASHA" desks book BLR-1-D03 --date "$d2" --pay credits
    check "desks book --pay credits online: confirmed by the server at once" \
        '[ $rc -eq 0 ] && out_has "booked, confirmed by the server" && out_has "4 credits"'

    # Vikram has a dedicated desk: he sees it and may not book a hot desk.
    run_in "$VIKRAM" desks
    check "Vikram sees his dedicated desk" '[ $rc -eq 0 ] && out_has "Your dedicated desk" && out_has "BLR-1-D14"'
    run_in "$VIKRAM" desks book BLR-1-D05 --date "$d1" --pay credits
    check "Vikram booking a hot desk exits 2 forbidden" '[ $rc -eq 2 ] && err_has "memberctl: forbidden:"'

    # An on-demand user pays by card: the desk held, the order printed, then paid.
    run_in "$NEWBIE" sync
    run_in "$NEWBIE" desks search --date "$d1" --building BLR-1
    check "an on-demand user sees D07 taken (Asha holds it) and pays by card" \
        '[ $rc -eq 0 ] && ! out_has "BLR-1-D07 " && out_has "razorpay (₹708.00 by card"'
    run_in "$NEWBIE" desks book BLR-1-D07 --date "$d1" --pay razorpay
    check "the desk Asha holds is refused at once: taken" '[ $rc -eq 2 ] && err_has "conflict"'
    offline_in "$NEWBIE" desks book BLR-1-D09 --date "$d1" --pay razorpay
    check "desks book --pay razorpay offline exits 2 offline" '[ $rc -eq 2 ] && err_has "offline"'
    run_in "$NEWBIE" --json desks book BLR-1-D09 --date "$d1" --pay razorpay
    check_json "desks book --pay razorpay: held, an order for ₹708.00, the next command" 0 \
        "d['desk_booking']['status'] == 'pending_payment' and d['order']['amount']['minor'] == 70800 and d['next'].startswith('memberctl desks pay ')"
    booking=$(json_get "d['desk_booking']['id']")
    order=$(json_get "d['order']['id']")
    read -r pay forged <<<"$(rzp_pay "$order" true)"
    run_in "$NEWBIE" desks pay "$booking" --order "$order" --payment "$pay" --signature "$forged"
    check "desks pay with a forged signature exits 2 payment_failed" \
        '[ $rc -eq 2 ] && err_has "payment_failed"'
    read -r pay sig <<<"$(rzp_pay "$order" false)"
    run_in "$NEWBIE" desks pay "$booking" --order "$order" --payment "$pay" --signature "$sig"
    check "desks pay: confirmed by the server" \
        '[ $rc -eq 0 ] && out_has "Payment confirmed by the server" && out_has "confirmed"'

    # Cancelled before the cut-off: the desk day comes back.
    run_in "$ASHA" --json desks
    booking=$(json_get "[b['id'] for b in d['desk_bookings'] if b['desk_id'] == 'BLR-1-D03'][0]")
    run_in "$ASHA" desks cancel "$booking"
    check "desks cancel: sent and confirmed, the credits come back" \
        '[ $rc -eq 0 ] && out_has "sent to the server and confirmed" && out_has "credits come back"'
    run_in "$ASHA" desks cancel dsk_nosuchbooking
    check "desks cancel of an unknown id exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'
    offline_in "$ASHA" desks search --date "$d1"
    check "desks search works offline (7 desk days left)" \
        '[ $rc -eq 0 ] && out_has "plan (7 desk days left this month)"'
}

i13_community_tests() {
    local ASHA=$I13_ASHA VIKRAM=$I13_VIKRAM ann blue cult code1 code2
    curl -s -X POST "$URL/v1/test/announcements" -H 'Content-Type: application/json' \
        -d '{"building_id": "BLR-1", "title": "Water off on Saturday", "body": "The water is off from 10:00 to 14:00 on the 2nd floor.", "pinned": true, "expires_at_ms": null}' >/dev/null
    run_in "$ASHA" sync
    run_in "$ASHA" announcements
    check "announcements: the new one pinned first, its building, IST, unread" \
        '[ $rc -eq 0 ] && out_has "[pinned] Water off on Saturday" && grep -qE "BLR-1, [0-9-]+ [0-9:]+ IST, unread" <<<"$out"'
    run_in "$ASHA" --json announcements
    check_json "announcements --json: pinned first, unread counted" 0 \
        "d['announcements'][0]['title'] == 'Water off on Saturday' and d['announcements'][0]['pinned'] is True and d['announcements'][0]['read'] is False and d['unread_count'] >= 1 and d['announcements'][0]['published_at_zone'] == 'IST'"
    ann=$(json_get "d['announcements'][0]['id']")
    offline_in "$ASHA" announcements read "$ann"
    check "announcements read offline: the whole text, saved and queued" \
        '[ $rc -eq 0 ] && out_has "The water is off from 10:00 to 14:00" && out_has "saved on this device and queued"'
    run_in "$ASHA" sync
    run_in "$ASHA" --json announcements
    check_json "after the sync it is read, not pending" 0 \
        "[(a['read'], a['pending']) for a in d['announcements'] if a['id'] == '$ann'] == [(True, False)]"
    run_in "$ASHA" announcements read "$ann"
    check "reading it again sends nothing" '[ $rc -eq 0 ] && out_has "read before; nothing to send"'
    run_in "$ASHA" announcements read ann_nosuch
    check "announcements read of an unknown id exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'

    if has_route "POST /v1/offers/{id}/redeem"; then
        run_in "$ASHA" --json offers
        check_json "offers at BLR-1: Blue Tokai and Cult.fit, not London's Pret" 0 \
            "{o['partner'] for o in d['offers']} >= {'Blue Tokai', 'Cult.fit'} and 'Pret' not in {o['partner'] for o in d['offers']}"
        blue=$(json_get "[o['id'] for o in d['offers'] if o['partner'] == 'Blue Tokai'][0]")
        cult=$(json_get "[o['id'] for o in d['offers'] if o['partner'] == 'Cult.fit'][0]")
        offline_in "$ASHA" offers redeem "$blue"
        check "offers redeem offline exits 2 offline, saying codes come from the server" \
            '[ $rc -eq 2 ] && err_has "offline" && err_has "handed out by the server"'
        run_in "$ASHA" offers redeem "$blue"
        check "offers redeem (shared): the code" '[ $rc -eq 0 ] && out_has "Your code: MCBLUE20"'
        run_in "$ASHA" --json offers redeem "$cult"
        check_json "offers redeem --json (single-use): a code" 0 "d['code'] != '' and d['offer']['redeemed'] is True and d['offer']['code_kind'] == 'single_use'"
        code1=$(json_get "d['code']")
        run_in "$ASHA" --json offers redeem "$cult"
        check_json "redeeming again gives the same code, never a second" 0 "d['code'] == '$code1'"
        run_in "$VIKRAM" sync
        run_in "$VIKRAM" --json offers redeem "$cult"
        check_json "another member gets another code of the pool" 0 "d['code'] not in ('', '$code1')"
        offline_in "$ASHA" offers
        check "offers offline shows her codes" \
            '[ $rc -eq 0 ] && out_has "your code: MCBLUE20" && out_has "your code: $code1"'
        run_in "$ASHA" offers redeem off_nosuch
        check "offers redeem of an unknown offer exits 2 not_found" '[ $rc -eq 2 ] && err_has "not_found"'
    fi
}

i13_waitlist_tests() {
    local ASHA=$I13_ASHA VIKRAM=$I13_VIKRAM NEWBIE=$I13_NEWBIE now evt
    now=$(curl -s "$URL/v1/test/clock" | python3 -c 'import json, sys; print(json.load(sys.stdin)["now_ms"])')
    evt=$(curl -s -X POST "$URL/v1/test/events" -H 'Content-Type: application/json' \
        -d "{\"building_id\": \"BLR-1\", \"title\": \"Tiny Talk\", \"starts_at_ms\": $((now + 2 * 86400000)), \"ends_at_ms\": $((now + 2 * 86400000 + 3600000)), \"capacity\": 1}" |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("id") or d.get("event", {}).get("id", ""))')
    run_in "$ASHA" sync
    run_in "$ASHA" rsvp "$evt" going
    run_in "$VIKRAM" sync
    run_in "$VIKRAM" rsvp "$evt" going
    check "rsvp going to a full event: on its waitlist, and said so" \
        '[ $rc -eq 0 ] && out_has "you are on its waitlist" && out_has "my RSVP: waitlisted"'
    run_in "$VIKRAM" --json events
    check_json "events --json: waitlisted, first in line" 0 \
        "[(e['my_rsvp'], e['waitlist_position'], e['waitlist_count']) for e in d['events'] if e['id'] == '$evt'] == [('waitlisted', 1, 1)]"
    run_in "$VIKRAM" events
    check "events shows the waitlist and his place in line" \
        '[ $rc -eq 0 ] && out_has "1/1 going (full), 1 on the waitlist, my RSVP: waitlisted, number 1 in line"'
    run_in "$ASHA" rsvp "$evt" not-going
    run_in "$VIKRAM" sync
    run_in "$VIKRAM" --json events
    check_json "when Asha drops out Vikram is moved to going" 0 \
        "[e['my_rsvp'] for e in d['events'] if e['id'] == '$evt'] == ['going']"
    run_in "$VIKRAM" notifications --unread
    check "and he is told: You're in" '[ $rc -eq 0 ] && out_has "Tiny Talk"'
}

i13_calendar_tests() {
    local ASHA=$I13_ASHA d1
    d1=$(i13_open_day 2)
    offline_in "$ASHA" calendar export --out "$work/asha.ics"
    check "calendar export works offline: the file, its entries, the zone" \
        '[ $rc -eq 0 ] && out_has "Wrote " && out_has "$work/asha.ics" && out_has "Asia/Kolkata"'
    check "the file is read back by Python icalendar: the desk day all-day on its date, the event in IST" \
        'python3 - "$work/asha.ics" "$d1" <<'"'"'PY'"'"'
import sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
evs = list(cal.walk("VEVENT"))
desk = [e for e in evs if "BLR-1-D07" in str(e.get("SUMMARY"))]
timed = [e for e in evs if isinstance(e.decoded("DTSTART"), datetime.datetime)]
ok = desk and str(desk[0].decoded("DTSTART")) == sys.argv[2]
ok = ok and timed and all(e.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=5, minutes=30) for e in timed)
sys.exit(0 if ok else 1)
PY'
    run_in "$ASHA" --json calendar export --out "$work/asha2.ics" --from "$d1" --to "$d1"
    check_json "calendar export --json --from --to: the range, entries, the zones" 0 \
        "d['from'] == '$d1' and d['to'] == '$d1' and d['entries'] >= 1 and 'Asia/Kolkata' in d['timezones'] and d['bytes'] > 0"
    run_in "$ASHA" calendar export --out "$work/no-such-dir/x.ics"
    check "calendar export to a folder that does not exist exits 2 naming the file" \
        '[ $rc -eq 2 ] && err_has "no-such-dir/x.ics"'
}

i13_today_tests() {
    local ASHA=$I13_ASHA NEWBIE=$I13_NEWBIE
    offline_in "$ASHA" today
    check "today works offline: who, where in IST, the contract, credits and desk days" \
        '[ $rc -eq 0 ] && out_has "Asha Rao" && out_has "BLR-1 (" && out_has "IST" && out_has "Cabin 1019" && out_has "Desk days:" && out_has "Credits:" && out_has "Notifications:"'
    run_in "$ASHA" --json today
    check_json "today --json: the date, her building, membership, desk days, lists" 0 \
        "d['building']['id'] == 'BLR-1' and d['membership']['seat'] == 'Cabin 1019' and d['desk_days']['allowance'] == 8 and isinstance(d['entries'], list) and isinstance(d['events'], list) and d['now_zone'] == 'IST' and 'total' in d['unread']"
    run_in "$NEWBIE" today
    check "today for an on-demand user: no membership, no credits" \
        '[ $rc -eq 0 ] && out_has "No membership" && ! out_has "Credits:"'
    capture "$MEMBERCTL" --server "$URL" --data-dir "$work/nobody" today
    check "today signed out exits 2 unauthorized with a hint" \
        '[ $rc -eq 2 ] && err_has "unauthorized" && err_has "memberctl login"'
}

issue13_tests() {
    stop_stub
    rm -f "$work"/stub.db*
    start_stub --clock-ms "$(python3 -c 'import time; print(int(time.time() * 1000))')"
    I13_ASHA="$work/i13-asha"
    I13_VIKRAM="$work/i13-vikram"
    I13_NEWBIE="$work/i13-newbie"
    i13_usage_tests
    sign_in_in "$I13_ASHA" +919800000001
    run_in "$I13_ASHA" sync
    sign_in_in "$I13_VIKRAM" +919800000002
    run_in "$I13_VIKRAM" sync
    sign_in_in "$I13_NEWBIE" +919876543299
    run_in "$I13_NEWBIE" profile --name "Nina Rao" --email nina@example.in --company "Nina Studio" \
        --city Bengaluru
    run_in "$I13_NEWBIE" intent on-demand
    run_in "$I13_NEWBIE" sync
    if has_command desks && has_route "POST /v1/desk_bookings"; then
        i13_desks_tests
    else
        echo "SKIP desks: memberctl desks or the stub's 'POST /v1/desk_bookings' is missing"
    fi
    # The stub of issue 13's community part (announcement entities, offers, waitlists)
    # has the offers' test route.
    if has_command announcements && has_route "POST /v1/test/offers"; then
        i13_community_tests
    else
        echo "SKIP announcements and offers: memberctl or the stub ('POST /v1/test/offers') lacks them"
    fi
    if has_route "POST /v1/test/offers"; then
        i13_waitlist_tests
    else
        echo "SKIP event waitlists: this stub has no waitlists (scommunity)"
    fi
    if has_command calendar; then
        i13_calendar_tests
    else
        echo "SKIP calendar: memberctl calendar is missing"
    fi
    if has_command today; then
        i13_today_tests
    else
        echo "SKIP today: memberctl today is missing"
    fi
    stop_stub
}

issue13_tests

# --- issue 14: a damaged store, the transport rules -------------------------------------
issue14_tests() {
    start_stub
    local mira="$work/mira"
    sign_in_in "$mira" +919876543277
    check "a member signs in before the store is damaged" '[ $rc -eq 0 ]'
    : >"$mira/membercore.db" # zero bytes, as a full disk can leave it
    run_in "$mira" whoami
    check "a zero-length store is damaged, says so and how to recover (exit 2)" \
        '[ $rc -eq 2 ] && err_has "store_damaged" && err_has "is damaged (it is empty" && err_has "memberctl store remove"'
    check "the damaged store's session token is gone" '[ ! -e "$mira/secure/session_token" ]'
    run_in "$mira" store remove
    check "store remove removes it and says what comes next" \
        '[ $rc -eq 0 ] && out_has "Removed the local store" && out_has "memberctl login PHONE" && [ ! -e "$mira/membercore.db" ]'
    run_in "$mira" whoami
    check "after store remove the member is signed out (exit 2)" '[ $rc -eq 2 ] && err_has "nobody is signed in"'
    sign_in_in "$mira" +919876543278
    check "a member signs in on the fresh store" '[ $rc -eq 0 ]'
    run_in "$mira" store
    check "store without an action is a usage error" '[ $rc -eq 1 ] && err_has "missing the action: remove"'
    run_in "$mira" store wipe
    check "store with another action is a usage error" '[ $rc -eq 1 ] && err_has "unknown action '"'"'wipe'"'"'"'
    run_in "$mira" store --help
    check "store --help exits 0 with its usage" '[ $rc -eq 0 ] && out_has "usage: memberctl store remove"'
    capture "$MEMBERCTL" --server http://api.example.com --data-dir "$work/plain" whoami
    check "plain http to a remote server is refused, naming the rule" \
        '[ $rc -ne 0 ] && err_has "plain http:// is only for a loopback server"'
    stop_stub
}

issue14_tests

check "no sanitizer reports from any run" '[ $sanitizer_reports -eq 0 ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
