#!/usr/bin/env bash
# Placement benchmark: bench/placement/perfload.py against Apiary and the reference Placement, one
# target after the other, for each scenario (1000 flat providers, 1000 trees of 7, 10000 flat).
#
#   bench/placement/run.sh --start-apiary --start-reference
#   bench/placement/run.sh --start-apiary --reference-url http://127.0.0.1:15378 \
#                          --reference-auth http://127.0.0.1:15300/v3
#
# Every Apiary scenario runs on a fresh all-in-one (new data directory); the reference is one
# long-running server, emptied by the benchmark's own cleanup between scenarios.
# See bench/placement/README.md for options and docs/benchmarks.md ("Placement") for results.
set -euo pipefail

# BENCH_NICE (e.g. -20, needs root): with autogroup scheduling a plain `nice` only ranks processes
# within one session, so re-run in a session of our own and give each session involved (ours with
# the client, each Apiary started here, the reference's uwsgi) that nice level via its autogroup.
if [ -n "${BENCH_NICE:-}" ] && [ -z "${BENCH_OWN_SESSION:-}" ] && command -v setsid >/dev/null 2>&1; then
    BENCH_OWN_SESSION=1 setsid -w "$0" "$@" &
    child=$!
    trap 'kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null' INT TERM
    rc=0
    wait "$child" || rc=$?
    exit "$rc"
fi

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

usage() {
    cat <<'EOF'
usage: bench/placement/run.sh [options]
  --start-apiary            run each scenario on a fresh `apiary all-in-one` (built if needed)
  --apiary-url URL          or benchmark a running Apiary Placement (with --apiary-auth)
  --apiary-auth URL         its Identity v3 URL (APIARY_PASSWORD or OS_PASSWORD for admin)
  --start-reference         start the reference (tools/reference/setup.sh, NO_GLANCE=1) on
                            REF_KS_PORT (15300) / REF_PL_PORT (15378), state REF_STATE (/tmp/ref-pl)
  --reference-url URL       or use a running reference Placement (with --reference-auth)
  --reference-auth URL      its Identity v3 URL (REFERENCE_PASSWORD, default admin)
  --scenarios LIST          comma list of flat:N and nested:N (default flat:1000,nested:1000,flat:10000)
  --results DIR             output directory (env RESULTS)
Env: WRITERS (8), REPEAT (5), ALLOCS (100), CONC (10), CONC_SECONDS (20), STEADY (30), MICROVERSION (latest),
APIARY_ROOT (tree to build and run; default this checkout), APIARY_JAR (run this jar instead),
APIARY_JAVA_OPTS, BENCH_NICE (e.g. -20: nice level of every session involved; root),
REFERENCE_SCENARIOS (default: all; e.g. flat:1000,nested:1000 to spare the slow reference the 10000).
EOF
}

SCENARIOS=${SCENARIOS:-flat:1000,nested:1000,flat:10000}
REFERENCE_SCENARIOS=${REFERENCE_SCENARIOS:-}
RESULTS=${RESULTS:-${TMPDIR:-/tmp}/apiary-bench/placement-$(date +%Y%m%d-%H%M%S)}
REF_DIR=${REF_DIR:-/work/shared/tools/reference}
REF_STATE=${REF_STATE:-/tmp/ref-pl}
REF_KS_PORT=${REF_KS_PORT:-15300}
REF_PL_PORT=${REF_PL_PORT:-15378}
APIARY_ROOT=${APIARY_ROOT:-$ROOT}
START_APIARY=0
START_REFERENCE=0
APIARY_URL=""
APIARY_AUTH=""
REF_URL=""
REF_AUTH=""

while [ $# -gt 0 ]; do
    case $1 in
        --start-apiary) START_APIARY=1 ;;
        --apiary-url) APIARY_URL=$2; shift ;;
        --apiary-auth) APIARY_AUTH=$2; shift ;;
        --start-reference) START_REFERENCE=1 ;;
        --reference-url) REF_URL=$2; shift ;;
        --reference-auth) REF_AUTH=$2; shift ;;
        --scenarios) SCENARIOS=$2; shift ;;
        --results) RESULTS=$2; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$RESULTS"
bench_need curl
PY=/usr/bin/python3

set_autogroup_nice() { # PID: the nice level of PID's whole session
    [ -n "${BENCH_NICE:-}" ] && [ -w "/proc/$1/autogroup" ] || return 0
    echo "$BENCH_NICE" >"/proc/$1/autogroup" 2>/dev/null || bench_log "could not renice the session of $1"
}
set_autogroup_nice $$

APIARY_PID=""
REF_STARTED=0
cleanup_all() {
    [ -n "$APIARY_PID" ] && bench_stop_pid "$APIARY_PID"
    if [ "$REF_STARTED" = 1 ]; then
        "$REF_DIR/stop.sh" "$REF_STATE" >/dev/null 2>&1 || true
    fi
}
trap cleanup_all EXIT

apiary_cmd() {
    if [ -n "${APIARY_JAR:-}" ]; then
        echo "${APIARY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java ${APIARY_JAVA_OPTS:-} -jar $APIARY_JAR"
    else
        echo "$APIARY_ROOT/bin/apiary"
    fi
}

# start_apiary NAME: a fresh all-in-one with Placement on a free port; sets APIARY_URL/AUTH/PID.
start_apiary() {
    local data=$RESULTS/apiary-data-$1 ks pl im attempt
    for attempt in 1 2 3; do
        ks=$(bench_free_port) pl=$(bench_free_port) im=$(bench_free_port)
        [ "$ks" != "$pl" ] && [ "$pl" != "$im" ] && [ "$ks" != "$im" ] || continue
        rm -rf "$data"
        mkdir -p "$data"
        printf '[placement]\nport = %s\n[image]\nport = %s\n' "$pl" "$im" >"$data/apiary.conf"
        bench_log "starting apiary ($1): $(apiary_cmd) all-in-one --data-dir $data --identity-port $ks"
        # shellcheck disable=SC2046
        setsid $(apiary_cmd) all-in-one --data-dir "$data" --identity-port "$ks" >"$RESULTS/apiary-$1.log" 2>&1 &
        APIARY_PID=$!
        set_autogroup_nice "$APIARY_PID"
        # A port picked as free can be taken before we bind it: then try other ports.
        if bench_wait_http "http://127.0.0.1:$pl/" 180 "$APIARY_PID"; then
            break
        fi
        bench_stop_pid "$APIARY_PID"
        APIARY_PID=""
        bench_log "apiary did not start (attempt $attempt, see $RESULTS/apiary-$1.log)"
    done
    [ -n "$APIARY_PID" ] || bench_die "apiary did not start"
    # The credentials file is written once the admin is bootstrapped, after the APIs listen.
    for _ in $(seq 1 120); do [ -s "$data/openrc" ] && break; sleep 0.5; done
    APIARY_URL="http://127.0.0.1:$pl"
    APIARY_AUTH="http://127.0.0.1:$ks/v3"
    APIARY_PASSWORD=$(sed -n "s/^export OS_PASSWORD='\(.*\)'$/\1/p" "$data/openrc")
}

start_reference() {
    bench_log "starting the reference on :$REF_KS_PORT/:$REF_PL_PORT ($REF_STATE; log $RESULTS/reference-setup.log)"
    KS_PORT=$REF_KS_PORT PL_PORT=$REF_PL_PORT NO_GLANCE=1 "$REF_DIR/setup.sh" "$REF_STATE" \
        >"$RESULTS/reference-setup.log" 2>&1 || bench_die "reference setup failed"
    REF_STARTED=1
    REF_URL="http://127.0.0.1:$REF_PL_PORT"
    REF_AUTH="http://127.0.0.1:$REF_KS_PORT/v3"
}

# run_one TARGET URL AUTH PASSWORD KIND COUNT
run_one() {
    local target=$1 url=$2 auth=$3 password=$4 kind=$5 count=$6
    local out=$RESULTS/$kind-$count-$target.json
    bench_log "$target: $kind $count (load $(cut -d' ' -f1-3 /proc/loadavg))"
    OS_AUTH_URL=$auth OS_USERNAME=admin OS_PASSWORD=$password OS_PROJECT_NAME=admin \
        OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default \
        "$PY" "$HERE/perfload.py" --url "$url" --name "$target" --scenario "$kind" --count "$count" \
        --writers "${WRITERS:-8}" --repeat "${REPEAT:-5}" --allocs "${ALLOCS:-100}" --conc "${CONC:-10}" \
        --conc-seconds "${CONC_SECONDS:-20}" --steady "${STEADY:-30}" --microversion "${MICROVERSION:-latest}" --out "$out" \
        | tee -a "$RESULTS/$target.log"
}

[ "$START_REFERENCE" = 1 ] && start_reference
if [ -n "$REF_URL" ]; then
    for pid in $(bench_listen_pids "$(bench_port_of "$REF_URL")"); do set_autogroup_nice "$pid"; done
fi
IFS=, read -r -a scenario_list <<<"$SCENARIOS"
for scenario in "${scenario_list[@]}"; do
    kind=${scenario%%:*} count=${scenario##*:}
    if [ "$START_APIARY" = 1 ]; then
        start_apiary "$kind-$count"
        run_one apiary "$APIARY_URL" "$APIARY_AUTH" "$APIARY_PASSWORD" "$kind" "$count"
        bench_stop_pid "$APIARY_PID"
        APIARY_PID=""
    elif [ -n "$APIARY_URL" ]; then
        run_one apiary "$APIARY_URL" "$APIARY_AUTH" "${APIARY_PASSWORD:-${OS_PASSWORD:-}}" "$kind" "$count"
    fi
    if [ -n "$REF_URL" ] && { [ -z "$REFERENCE_SCENARIOS" ] || [[ ",$REFERENCE_SCENARIOS," == *",$scenario,"* ]]; }; then
        run_one reference "$REF_URL" "$REF_AUTH" "${REFERENCE_PASSWORD:-admin}" "$kind" "$count"
    fi
done
"$PY" "$HERE/summarize.py" "$RESULTS" | tee "$RESULTS/summary.md"
