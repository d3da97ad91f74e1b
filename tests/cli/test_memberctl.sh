#!/usr/bin/env bash
# tests/cli/test_memberctl.sh - memberctl as a user sees it: exit codes 0/1/2,
# the messages, one parseable JSON object per --json run, the session kept
# across processes and offline, never an OTP in the output. Drives the
# binaries named by $MEMBERCTL and $MEMBERSTUB (a real stub on loopback).
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

start_stub() {
    rm -f "$work/port"
    "$MEMBERSTUB" --db "$work/stub.db" --port 0 --port-file "$work/port" --test-mode \
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
    note_sanitizer_reports
}

# run ARGS...: memberctl ARGS against the stub and $DATA.
run() {
    capture "$MEMBERCTL" --server "$URL" --data-dir "$DATA" "$@"
}

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

start_stub

# --- help and usage errors: exit 1, message names the problem ----------------
run --help
check "--help exits 0 and lists the commands" \
    '[ $rc -eq 0 ] && out_has "usage: memberctl" && out_has "login" && out_has "whoami"'
run help
check "help exits 0" '[ $rc -eq 0 ] && out_has "Commands:"'
for c in login verify profile intent whoami logout; do
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
check "the rate-limit message says when to retry" 'err_has "retry in"'

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
check_json "private-office records the details; 50000.50 rupees is 5000050 paise" 0 \
    "d['account']['intent'] == 'private_office' and d['account']['lead']['budget_paise'] == 5000050 and d['account']['lead']['employees'] == 12 and d['account']['lead']['industry'] == 'Fintech'"
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

# --- the server goes away ------------------------------------------------------
stop_stub
run whoami
check "whoami works offline from the local store" \
    '[ $rc -eq 0 ] && out_has "Asha Rao" && out_has "Cabin 1019"'
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

check "no sanitizer reports from any run" '[ $sanitizer_reports -eq 0 ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
