#!/usr/bin/env bash
# Compute control-plane benchmark (issue 7): N servers created concurrently through the Nova API
# with the fake driver, each timed from its POST to ACTIVE (p50/p99), then all deleted
# concurrently. With --kill, the all-in-one is SIGKILLed in the middle of the creates, restarted
# on the same data, and every server must be in a true state (ACTIVE or ERROR, no task) with
# Placement holding exactly what the servers use; then they are deleted and nothing may be held.
#
#   bench/compute/run.sh              # 100 servers, 100 clients, one port each
#   bench/compute/run.sh --kill       # the crash test (KILL_AFTER seconds into the creates, default 1.5)
#
# Env: COUNT (100), CONCURRENCY (100), NO_NETWORK=1 (networks "none": no Neutron ports),
#      ROUNDS (1: create+delete rounds against the same all-in-one; round 1 runs on a cold JVM,
#      later rounds on a warm one), KILL_AFTER (1.5), WORK (/tmp/apiary-bench/compute-<date>),
#      APIARY_HEAP (1g), APIARY_EXTRA_JAVA_OPTS (e.g. -Dapiary.store.write-timings=true: a table
#      of write-transaction time per kind in $WORK/apiary.log, see store/WriteTimings).
# The all-in-one runs with [helper] enabled = false, so even as root no host networking is done
# (the fake driver runs no guests; taps for 100 fake servers would only measure the agent).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

KILL=0
[ "${1:-}" = "--kill" ] && KILL=1
COUNT=${COUNT:-100}
CONCURRENCY=${CONCURRENCY:-100}
KILL_AFTER=${KILL_AFTER:-1.5}
WORK=${WORK:-${TMPDIR:-/tmp}/apiary-bench/compute-$(date +%Y%m%d-%H%M%S)}
DATA=$WORK/data
mkdir -p "$DATA"
NETARG=()
[ -n "${NO_NETWORK:-}" ] && NETARG=(--no-network)

KS_PORT=$(bench_free_port)
cat >"$DATA/apiary.conf" <<CONF
[image]
port = 0
[placement]
port = 0
[network]
port = 0
[compute]
port = 0
driver = fake
fake_vcpus = 1000
fake_memory_mb = 1000000
fake_disk_gb = 100000
[helper]
enabled = false
CONF
export APIARY_ADMIN_PASSWORD=bench-admin
export APIARY_JAVA_OPTS="-Xmx${APIARY_HEAP:-1g} ${APIARY_EXTRA_JAVA_OPTS:-}"
APIARY_BUILD_ONLY=1 "$ROOT/bin/apiary"

PID=""
start() {
    APIARY_NO_BUILD=1 "$ROOT/bin/apiary" all-in-one --data-dir "$DATA" --identity-port "$KS_PORT" \
        >>"$WORK/apiary.log" 2>&1 &
    PID=$!
    bench_wait_http "http://127.0.0.1:$KS_PORT/v3" 120 || bench_die "all-in-one did not start; see $WORK/apiary.log"
    for _ in $(seq 1 60); do [ -f "$DATA/openrc" ] && break; sleep 0.5; done
    # The compute agent registers its host a moment after the APIs answer.
    sleep 2
}
trap '[ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null || true' EXIT

start
# shellcheck disable=SC1091
. "$DATA/openrc"
bench_log "machine: $(nproc) x $(bench_cpu_model); work dir $WORK"

if [ "$KILL" = 0 ]; then
    for round in $(seq 1 "${ROUNDS:-1}"); do
        [ "${ROUNDS:-1}" = 1 ] || bench_log "round $round of $ROUNDS"
        python3 "$HERE/servers.py" --count "$COUNT" --concurrency "$CONCURRENCY" "${NETARG[@]}" \
            --out "$WORK/result.json" | tee "$WORK/result.txt"
    done
    cat "$WORK/result.json"
    exit 0
fi

# Flavor, image, network and quotas first, so the kill lands among the creates.
python3 "$HERE/servers.py" --count 0 --create-only --out "$WORK/prepare.json" >/dev/null
python3 "$HERE/servers.py" --count "$COUNT" --concurrency "$CONCURRENCY" "${NETARG[@]}" --create-only \
    --timeout 20 --out "$WORK/before-kill.json" >"$WORK/before-kill.txt" 2>&1 &
CLIENT=$!
sleep "$KILL_AFTER"
bench_log "SIGKILL all-in-one (pid $PID) ${KILL_AFTER}s into the creates"
kill -KILL "$PID"
wait "$PID" 2>/dev/null || true
wait "$CLIENT" 2>/dev/null || true
bench_log "client before the kill: $(grep RESULT "$WORK/before-kill.txt" || tail -n 2 "$WORK/before-kill.txt")"
start
bench_log "restarted; $(grep -c 'resuming' "$WORK/apiary.log" || true) resume line(s): $(grep 'resuming' "$WORK/apiary.log" | tail -n1)"
# Give the conductor time to finish what it resumed.
sleep 10
if python3 "$HERE/servers.py" --check >"$WORK/check-after-restart.json"; then
    bench_log "after restart: every server ACTIVE or ERROR, allocations match ($(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["active"], "active,", d["error"], "error of", d["servers"])' "$WORK/check-after-restart.json"))"
else
    bench_log "after restart: CHECK FAILED"; cat "$WORK/check-after-restart.json"; exit 1
fi
# Delete everything and check nothing is held.
python3 -c '
import sys; sys.argv=["servers.py"]
sys.path.insert(0, "'"$HERE"'")
import servers
c = servers.Cloud()
ids = list(c.servers("bench"))
class A: concurrency=50; timeout=120; poll=0.1; prefix="bench"
dt, left = servers.delete_all(c, A, ids)
print("RESULT delete-after-restart count=%d total=%.2fs left=%d" % (len(ids), dt, len(left)))
usage = {}
for rp in c.placement("/resource_providers")["resource_providers"]:
    for rc, n in c.placement("/resource_providers/%s/usages" % rp["uuid"])["usages"].items():
        usage[rc] = usage.get(rc, 0) + n
print("RESULT placement-usage-after-delete", usage)
sys.exit(0 if not left and not any(usage.values()) else 1)
'
