#!/usr/bin/env bash
# The contract test: schemathesis (from PyPI, pinned in scripts/install-deps.sh) against a live
# memberstub built in the meson build directory $1 (default build/), over every operation of
# server-stub/openapi.yaml. The stub runs with --test-mode (the sign-in reads the code from
# the test SMS outbox) on 127.0.0.1 on a port the kernel picks, with its own database in a
# temporary directory and its clock frozen at a fixed instant; the script starts and stops it.
# Every request carries the bearer token of a real session of a seeded user; the member has filed
# one ticket first, so that the staff routes have one to work.
# Generation is seeded (SCHEMATHESIS_SEED, default 20261204) and bounded
# (SCHEMATHESIS_EXAMPLES per operation and phase, default 50: about a minute); any 5xx, undocumented status,
# response that breaks its schema (body, content type or headers), or schema-invalid request
# the stub accepts fails the run.
# Three runs: every member operation as the seeded member Asha, except the three that end or bend
# the session for everything after them; the ground staff's operations (/v1/staff/...) as the
# seeded staff Kiran; then those three (logout, the test clock, the test fault injector).
# Prints the case count and ends with one "N passed, M failed" line (N, M: operations).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dir="${1:-build}"
seed="${SCHEMATHESIS_SEED:-20261204}"
examples="${SCHEMATHESIS_EXAMPLES:-50}"
# The seed's "today": a Monday morning in Bengaluru (2026-06-01 09:00 IST).
clock_ms=1780284600000
member_phone="+919800000001" # Asha Rao, ACME, BLR-1 (DOMAIN.md's seed)
staff_phone="+919800000010"  # Kiran Das, BLR-1's ground staff

fail_setup() {
  echo "test-schemathesis: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" >/dev/null
fi
meson compile -C "$dir" memberstub >/dev/null || fail_setup "the build failed (meson compile -C $dir)"
stub="$(cd "$dir/server-stub" && pwd)/memberstub"
st_version="$(python3 -m schemathesis.cli --version 2>/dev/null | sed -n 's/.*version \([0-9.]*\).*/\1/p')"
[ -n "$st_version" ] || fail_setup "schemathesis is not installed (run scripts/install-deps.sh)"

work="$(mktemp -d)"
stub_pid=""
stub_status=0
stop_stub() { # SIGTERM; the stub's exit status into stub_status (0: a clean stop)
  if [ -n "$stub_pid" ]; then
    kill -TERM "$stub_pid" 2>/dev/null || true
    stub_status=0
    wait "$stub_pid" 2>/dev/null || stub_status=$?
    stub_pid=""
  fi
}
trap 'stop_stub; rm -rf "$work"' EXIT

"$stub" --db "$work/stub.db" --port 0 --port-file "$work/port" --test-mode \
  --clock-ms "$clock_ms" >"$work/stub.log" 2>&1 &
stub_pid=$!
# The stub writes the port file once it serves: wait for it (or for the stub to die).
for _ in $(seq 1 200); do
  [ -s "$work/port" ] && break
  kill -0 "$stub_pid" 2>/dev/null || break
  sleep 0.05
done
[ -s "$work/port" ] || { cat "$work/stub.log" >&2; fail_setup "memberstub did not start"; }
base="http://127.0.0.1:$(cat "$work/port")"

# Sign in as a seeded user: request a code, read it from the test SMS outbox, verify it.
sign_in() { # phone -> the session token on stdout
  python3 - "$base" "$1" <<'PY'
import json, sys, urllib.parse, urllib.request
base, phone = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)
call("POST", "/v1/auth/otp/request", {"phone": phone})
sms = call("GET", "/v1/test/sms/latest?phone=" + urllib.parse.quote(phone))
print(call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": sms["code"]})["token"])
PY
}
sign_in_failed() { # phone
  tail -n 20 "$work/stub.log" >&2
  fail_setup "signing in as $1 failed"
}
member_token="$(sign_in "$member_phone")" || sign_in_failed "$member_phone"
staff_token="$(sign_in "$staff_phone")" || sign_in_failed "$staff_phone"

# A ticket at BLR-1 (T-1001, the example id of the staff routes) and a visitor expected there
# today (vis_5c5c..., the example of the check-in), both by the member through a push, so the
# staff operations answer a real ticket and visitor and not only 404.
python3 - "$base" "$member_token" <<'PY' || fail_setup "filing the ticket and inviting the visitor failed"
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
body = {"client_id": "test-schemathesis", "mutations": [{
    "mutation_id": 1, "idempotency_key": "test-schemathesis-ticket", "kind": "ticket.create",
    "payload": {"ticket_id": "tkt_" + "5c" * 16, "building_id": "BLR-1", "category_id": "it.wifi",
                "priority": "normal", "description": "Wi-Fi drops every few minutes"}}, {
    "mutation_id": 2, "idempotency_key": "test-schemathesis-visitor", "kind": "visitor.invite",
    "payload": {"visitor_id": "vis_" + "5c" * 16, "building_id": "BLR-1", "name": "Rahul Mehta",
                "email": "rahul.mehta@example.com", "date": "2026-06-01"}}]}
req = urllib.request.Request(base + "/v1/sync/push", data=json.dumps(body).encode(), method="POST",
                             headers={"Content-Type": "application/json",
                                      "Authorization": "Bearer " + token})
with urllib.request.urlopen(req, timeout=10) as r:
    results = json.load(r)["results"]
sys.exit(any(result["status"] != "applied" for result in results))
PY

checks=not_a_server_error,status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,response_schema_conformance,negative_data_rejection
export SCHEMATHESIS_HOOKS="$root/scripts/schemathesis_hooks.py"
session_ops=(logout setClock setFaults)
member_filter=(--exclude-path-regex '^/v1/staff/')
session_filter=()
for op in "${session_ops[@]}"; do
  member_filter+=(--exclude-operation-id "$op")
  session_filter+=(--include-operation-id "$op")
done

rc=0
run_schemathesis() { # label, token, filter options...
  local label="$1" token="$2"; shift 2
  echo "== schemathesis $st_version ($label): seed $seed, at most $examples examples per operation and phase"
  set +e
  # From the temporary directory: schemathesis and hypothesis keep caches in the current one.
  (cd "$work" && python3 -m schemathesis.cli run "$root/server-stub/openapi.yaml" --url "$base" \
    -H "Authorization: Bearer $token" --seed "$seed" --max-examples "$examples" \
    --phases examples,coverage,fuzzing --checks "$checks" --workers 1 --no-color \
    --generation-database none --report junit --report-junit-path "$work/$label.xml" \
    "$@") 2>&1 | tee "$work/$label.log"
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then rc=1; fi
}
runs=(member staff session)
run_schemathesis member "$member_token" "${member_filter[@]}"
run_schemathesis staff "$staff_token" --include-path-regex '^/v1/staff/'
run_schemathesis session "$member_token" "${session_filter[@]}"
stop_stub
if [ "$stub_status" -ne 0 ]; then
  tail -n 20 "$work/stub.log" >&2
  echo "test-schemathesis: memberstub exited with status $stub_status (not a clean stop)" >&2
  rc=1
fi

# Cases from each run's summary; operations (passed, failed) from the JUnit reports.
cases=0
for label in "${runs[@]}"; do
  n=$(sed -n 's/^ *\([0-9]\+\) generated.*/\1/p' "$work/$label.log" | tail -n1)
  cases=$((cases + ${n:-0}))
done
read -r passed failed < <(python3 - "${runs[@]/#/$work/}" <<'PY'
import sys, xml.etree.ElementTree as ET
passed = failed = 0
for label in sys.argv[1:]:
    try:
        cases = ET.parse(label + ".xml").getroot().iter("testcase")
    except (OSError, ET.ParseError):
        failed += 1
        continue
    for case in cases:
        bad = case.find("failure") is not None or case.find("error") is not None
        failed += bad
        passed += not bad
print(passed, failed)
PY
)
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$((passed + failed))" -eq 0 ]; then failed=1; fi
echo "schemathesis: $cases test cases over $((passed + failed)) operations (seed $seed)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
