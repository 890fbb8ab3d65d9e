#!/usr/bin/env bash
# Keystone v3 token benchmark: trivial GET /v3, token validation, token issue, with wrk,
# against one or more Identity v3 servers (Apiary, the reference Keystone, ...) in one run,
# one target after another, at the same concurrency.
#
#   bench/keystone/run.sh --start-reference --start-apiary
#   bench/keystone/run.sh --target apiary=http://127.0.0.1:15500/v3 \
#                         --target reference=http://127.0.0.1:15000/v3
#
# See bench/README.md for every option, what is measured and how to read the output.
set -euo pipefail

# BENCH_NICE: with the kernel's autogroup scheduling (sched_autogroup_enabled=1), a plain `nice`
# only ranks processes within one session; so run in a session of our own and give that whole
# session the nice level (servers started here, wrk, the hash timing), below.
if [ -n "${BENCH_NICE:-}" ] && [ -z "${BENCH_OWN_SESSION:-}" ] && command -v setsid >/dev/null 2>&1; then
    # The child leads a new session and process group (its PID); pass INT/TERM on to that group.
    BENCH_OWN_SESSION=1 setsid -w "$0" "$@" &
    child=$!
    trap 'kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null' INT TERM
    rc=0
    wait "$child" || rc=$?
    if kill -0 "$child" 2>/dev/null; then wait "$child" || rc=$?; fi   # woken by a signal
    exit "$rc"
fi

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"

usage() {
    cat <<'EOF'
usage: bench/keystone/run.sh [options]
  --target NAME=URL     an OS_AUTH_URL-style URL (.../v3) to benchmark; repeatable.
  --start-apiary        build if needed and start `bin/apiary all-in-one` on a free port
                        (fresh data dir) as target "apiary"; stopped at the end.
  --start-reference     start the reference Keystone (/work/shared/tools/reference/setup.sh,
                        NO_GLANCE=1) as target "reference" on :15000; stopped at the end.
  --conc N              wrk connections (env CONC, default 8)
  --duration S          measured seconds per test (env DURATION, default 20)
  --warmup S            unmeasured seconds before each test (env WARMUP, default 5)
  --threads N           wrk threads (env THREADS, default 2)
  --tests LIST          comma list of trivial,validate,issue (env TESTS, default all three)
  --cost NAME=C         bcrypt cost the target NAME uses (env <NAME>_BCRYPT_COST, default 12)
  --hasher NAME=KIND    how to time one hash for NAME: java (Apiary's library), python
                        (python3-bcrypt, as Keystone), none. Default: java if NAME contains
                        "apiary", else python.
  --pid NAME=PID        server process of NAME for CPU accounting (default: found by port)
  --results DIR         where raw wrk output and results.jsonl go (env RESULTS)
Other env: BG_SAMPLE (5 s of CPU sampling without traffic before each test), QUIET_WAIT/QUIET_PCT
(wait up to QUIET_WAIT s for that to fall under QUIET_PCT %, default 0 s / 20 %), PROFILE=1
(JFR hot methods of a Java server per test), HASH_N (8 hashes timed), SETTLE (10 s),
BENCH_NICE (e.g. -20: nice level of our own session: started servers, wrk, hash timing; root),
REF_STATE (/tmp/ref), APIARY_PASSWORD, APIARY_NO_BUILD=1, APIARY_JAVA_HOME, APIARY_ROOT (the
checkout --start-apiary builds and runs; default this one).
Credentials per target NAME (upper-cased, other characters as _): <NAME>_PASSWORD, else
OS_PASSWORD; <NAME>_USERNAME/OS_USERNAME (admin), <NAME>_PROJECT_NAME/OS_PROJECT_NAME (admin),
OS_USER_DOMAIN_NAME and OS_PROJECT_DOMAIN_NAME (Default).
EOF
}

CONC=${CONC:-8}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
TESTS=${TESTS:-trivial,validate,issue}
HASH_N=${HASH_N:-8}            # hashes timed per bcrypt measurement
SETTLE=${SETTLE:-10}           # seconds of rest after starting servers, before measuring
WRK_TIMEOUT=${WRK_TIMEOUT:-60s}
REF_DIR=${REF_DIR:-/work/shared/tools/reference}
REF_STATE=${REF_STATE:-/tmp/ref}
RESULTS=${RESULTS:-${TMPDIR:-/tmp}/apiary-bench/keystone-$(date +%Y%m%d-%H%M%S)}
START_APIARY=0
START_REFERENCE=0

declare -a NAMES=()
declare -A URL=() COST=() HASHER=() PID_OF=() PASS=()

add_target() { # NAME URL
    local n=$1 u=$2
    [[ $n =~ ^[A-Za-z0-9_.-]+$ ]] || bench_die "bad target name: $n"
    u=${u%/}
    case $u in */v3) ;; *) u=$u/v3 ;; esac
    [ -n "${URL[$n]:-}" ] || NAMES+=("$n")
    URL[$n]=$u
}

kv() { # "NAME=VALUE" -> sets KEY and VAL
    [[ $1 == *=* ]] || bench_die "expected NAME=VALUE, got: $1"
    KEY=${1%%=*}
    VAL=${1#*=}
}

while [ $# -gt 0 ]; do
    case $1 in
        --target) kv "$2"; add_target "$KEY" "$VAL"; shift 2 ;;
        --target=*) kv "${1#*=}"; add_target "$KEY" "$VAL"; shift ;;
        --start-apiary) START_APIARY=1; shift ;;
        --start-reference) START_REFERENCE=1; shift ;;
        --conc) CONC=$2; shift 2 ;;
        --duration) DURATION=${2%s}; shift 2 ;;
        --warmup) WARMUP=${2%s}; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --tests) TESTS=$2; shift 2 ;;
        --cost) kv "$2"; COST[$KEY]=$VAL; shift 2 ;;
        --hasher) kv "$2"; HASHER[$KEY]=$VAL; shift 2 ;;
        --pid) kv "$2"; PID_OF[$KEY]=$VAL; shift 2 ;;
        --results) RESULTS=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; bench_die "unknown argument: $1" ;;
    esac
done

bench_need wrk
bench_need curl
bench_need jq
[ "$THREADS" -gt "$CONC" ] && THREADS=$CONC
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
JSONL=$RESULTS/results.jsonl
: >"$JSONL"
NPROC=$(nproc)
CLK_TCK=$(bench_clk_tck)
# BENCH_NICE=-20: run the servers started here, wrk and the hash timing at that nice level, so
# that other work on a shared machine disturbs the figures less. Same for every target.
NICE=()
# set_autogroup_nice PID: the nice level of PID's whole session (autogroup), when there is one.
set_autogroup_nice() {
    [ -n "${BENCH_NICE:-}" ] && [ -w "/proc/$1/autogroup" ] || return 0
    echo "$BENCH_NICE" >"/proc/$1/autogroup" 2>/dev/null ||
        bench_log "could not set the autogroup nice of $1 (needs root)"
    return 0
}
if [ -n "${BENCH_NICE:-}" ]; then
    NICE=(nice -n "$BENCH_NICE")
    set_autogroup_nice $$
fi

# A JDK >= 21 for Apiary and BcryptCost.java: Temurin 25 by default.
JDK=${APIARY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -x "$JDK/bin/java" ] && [ -f "$ROOT/bin/lib-jdk.sh" ]; then
    # shellcheck source=/dev/null
    JDK=$(. "$ROOT/bin/lib-jdk.sh" && apiary_find_jdk) || true
fi

env_prefix() { printf '%s' "$1" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9\n' '_'; }
tenv() { # NAME SUFFIX FALLBACK_VAR DEFAULT: <NAME>_<SUFFIX>, else $FALLBACK_VAR, else DEFAULT
    local v
    v=$(env_prefix "$1")_$2
    if [ -n "${!v:-}" ]; then printf '%s' "${!v}"; return; fi
    if [ -n "$3" ] && [ -n "${!3:-}" ]; then printf '%s' "${!3}"; return; fi
    printf '%s' "$4"
}

# ------------------------------------------------------------------ servers we start
APIARY_PID=""
APIARY_DATA=""
REF_STARTED=0
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$APIARY_PID" ]; then
        bench_log "stopping apiary (pid $APIARY_PID)"
        bench_stop_pid "$APIARY_PID" 30
    fi
    if [ -n "$APIARY_DATA" ] && [ "${KEEP_DATA:-0}" != 1 ]; then
        rm -rf "$APIARY_DATA"
    fi
    if [ "$REF_STARTED" = 1 ]; then
        bench_log "stopping reference keystone ($REF_DIR/stop.sh $REF_STATE)"
        "$REF_DIR/stop.sh" "$REF_STATE" >&2 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_reference() {
    local pw
    pw=${REFERENCE_PASSWORD:-${ADMIN_PASSWORD:-admin}}
    bench_log "starting the reference Keystone: NO_GLANCE=1 $REF_DIR/setup.sh $REF_STATE (log: $RESULTS/reference-setup.log)"
    REF_STARTED=1
    if ! NO_GLANCE=1 ADMIN_PASSWORD=$pw "${NICE[@]}" "$REF_DIR/setup.sh" "$REF_STATE" >"$RESULTS/reference-setup.log" 2>&1; then
        tail -n 20 "$RESULTS/reference-setup.log" >&2
        bench_die "reference setup failed"
    fi
    add_target reference "http://127.0.0.1:${KS_PORT:-15000}/v3"
    PASS[reference]=$pw
    if [ -f "$REF_STATE/run/keystone.pid" ]; then
        PID_OF[reference]=$(cat "$REF_STATE/run/keystone.pid")
        set_autogroup_nice "${PID_OF[reference]}"   # uwsgi daemonizes into a session of its own
    fi
    # keystone.conf [identity] password_hash_rounds, else upstream's default of 12
    if [ -z "${COST[reference]:-}" ] && [ -f "$REF_STATE/keystone/keystone.conf" ]; then
        local r
        r=$(sed -n 's/^password_hash_rounds[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' \
            "$REF_STATE/keystone/keystone.conf" | tail -n1)
        if [ -n "$r" ]; then COST[reference]=$r; fi
    fi
    return 0
}

start_apiary() {
    local port pw jar cost
    [ -x "$JDK/bin/java" ] || bench_die "no JDK >= 21 (looked at $JDK); set APIARY_JAVA_HOME"
    port=$(bench_free_port) || bench_die "no free port"
    APIARY_DATA=$(mktemp -d "${TMPDIR:-/tmp}/apiary-bench.XXXXXX")
    pw=${APIARY_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
    cost=${COST[apiary]:-${APIARY_BCRYPT_COST:-}}
    if [ -n "$cost" ]; then
        printf '[identity]\npassword_hash_rounds = %s\n' "$cost" >"$APIARY_DATA/apiary.conf"
    fi
    local -a cmd
    local aroot=${APIARY_ROOT:-$ROOT}   # APIARY_ROOT: benchmark another checkout (e.g. a `git archive` of a commit)
    if git -C "$aroot" rev-parse --git-dir >/dev/null 2>&1; then
        bench_log "apiary tree $aroot at $(git -C "$aroot" rev-parse --short HEAD)$( [ -n "$(git -C "$aroot" status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' + uncommitted changes')"
    fi
    if [ -x "$aroot/bin/apiary" ]; then
        bench_log "building apiary if needed (bin/apiary, APIARY_BUILD_ONLY=1)"
        JAVA_HOME=$JDK APIARY_BUILD_ONLY=1 "$aroot/bin/apiary" >&2 || bench_die "apiary build failed"
        cmd=("$aroot/bin/apiary")
    else
        jar=$aroot/server/target/apiary.jar
        if [ ! -f "$jar" ]; then
            bench_log "building $jar (mvn -B -q -DskipTests package)"
            (cd "$aroot" && JAVA_HOME=$JDK mvn -B -q -DskipTests package >&2) || bench_die "build failed"
        fi
        # shellcheck disable=SC2206  # APIARY_JAVA_OPTS is a list of words on purpose
        cmd=("$JDK/bin/java" ${APIARY_JAVA_OPTS:-} -jar "$jar")
    fi
    bench_log "starting apiary: ${cmd[*]} all-in-one --data-dir $APIARY_DATA --identity-port $port (log: $RESULTS/apiary.log)"
    JAVA_HOME=$JDK APIARY_ADMIN_PASSWORD=$pw APIARY_NO_BUILD=1 \
        "${NICE[@]}" "${cmd[@]}" all-in-one --data-dir "$APIARY_DATA" --identity-port "$port" >"$RESULTS/apiary.log" 2>&1 &
    APIARY_PID=$!
    if ! bench_wait_http "http://127.0.0.1:$port/v3" 180 "$APIARY_PID"; then
        tail -n 30 "$RESULTS/apiary.log" >&2
        bench_die "apiary did not come up on port $port"
    fi
    # The listener answers before bootstrap has created the admin user: wait for the banner.
    for _ in $(seq 1 240); do
        grep -q 'is running' "$RESULTS/apiary.log" && break
        kill -0 "$APIARY_PID" 2>/dev/null || bench_die "apiary exited (see $RESULTS/apiary.log)"
        sleep 0.5
    done
    add_target apiary "http://127.0.0.1:$port/v3"
    PASS[apiary]=$pw
    PID_OF[apiary]=$APIARY_PID
}

# Reference first: its setup is the heavy part; Apiary then starts on a quieter machine.
if [ "$START_REFERENCE" = 1 ]; then start_reference; fi
if [ "$START_APIARY" = 1 ]; then start_apiary; fi
[ "${#NAMES[@]}" -gt 0 ] || { usage >&2; bench_die "no target: give --target NAME=URL or --start-*"; }
if [ "$START_REFERENCE" = 1 ] || [ "$START_APIARY" = 1 ]; then
    bench_log "letting the machine settle for ${SETTLE}s"
    sleep "$SETTLE"
fi

# ------------------------------------------------------------------ helpers per target
issue_token() { # NAME -> prints a project-scoped token id
    local n=$1 body
    body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"%s"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"name":"%s"}}}}}' \
        "$(bench_json_escape "$BENCH_USERNAME")" "$(bench_json_escape "$BENCH_USER_DOMAIN")" \
        "$(bench_json_escape "$BENCH_PASSWORD")" "$(bench_json_escape "$BENCH_PROJECT")" \
        "$(bench_json_escape "$BENCH_PROJECT_DOMAIN")")
    curl -sS -m 60 -D - -o /dev/null -H 'Content-Type: application/json' \
        -X POST "${URL[$n]}/auth/tokens" --data-binary @- <<<"$body" |
        tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}'
}

server_pids() { # NAME -> pids of the server process tree
    local n=$1 roots
    roots=${PID_OF[$n]:-$(bench_listen_pids "$(bench_port_of "${URL[$n]}")" | tr '\n' ' ')}
    [ -n "$roots" ] || return 0
    # shellcheck disable=SC2086
    bench_tree_pids $roots
}

metrics_snapshot() { # NAME -> "count sum_seconds" over all routes but /metrics, or nothing
    local root=${URL[$1]%/v3}
    { curl -s -m 30 "$root/metrics" 2>/dev/null || true; } | awk '
        /^apiary_http_request_duration_seconds_(sum|count)\{/ && !/route="\/metrics"/ {
            if ($1 ~ /_sum\{/) s += $NF; else c += $NF; seen = 1 }
        END { if (seen) printf "%d %.6f\n", c, s }'
}

hash_time() { # NAME -> JSON from one bcrypt timing at the target's cost
    local n=$1 kind=${HASHER[$1]} cost=${COST[$1]}
    case $kind in
        java)
            local ver m2 bjar yjar
            ver=$(grep -o '<artifactId>bcrypt</artifactId><version>[^<]*' "$ROOT/pom.xml" 2>/dev/null |
                sed 's/.*<version>//' | head -n1)
            ver=${ver:-0.10.2}
            m2=${M2_REPO:-$HOME/.m2/repository}
            bjar=$m2/at/favre/lib/bcrypt/$ver/bcrypt-$ver.jar
            [ -f "$bjar" ] || bjar=$(ls "$ROOT"/server/target/lib/bcrypt-*.jar 2>/dev/null | head -n1)
            if [ ! -f "$bjar" ]; then
                bench_log "fetching at.favre.lib:bcrypt:$ver with mvn dependency:get"
                (JAVA_HOME=$JDK mvn -B -q dependency:get -Dartifact="at.favre.lib:bcrypt:$ver" >&2) || true
                bjar=$m2/at/favre/lib/bcrypt/$ver/bcrypt-$ver.jar
            fi
            yjar=$(ls "$m2"/at/favre/lib/bytes/*/bytes-*.jar "$ROOT"/server/target/lib/bytes-*.jar 2>/dev/null |
                sort -V | tail -n1)
            [ -f "$bjar" ] && [ -f "$yjar" ] || { bench_log "bcrypt/bytes jars not found"; return 1; }
            "${NICE[@]}" "$JDK/bin/java" -cp "$bjar:$yjar" "$HERE/BcryptCost.java" "$cost" "$HASH_N" 3 "$NPROC"
            ;;
        python)
            "${NICE[@]}" /usr/bin/python3 - "$cost" "$HASH_N" "$NPROC" <<'PY'
import json, statistics, sys, threading, time
try:
    import bcrypt
except ImportError:
    sys.exit("python3-bcrypt missing: apt-get install python3-bcrypt")
cost, n, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
pw = b"bench-password-0123456789"
h = bcrypt.hashpw(pw, bcrypt.gensalt(cost))
ms = []
for _ in range(n):  # what keystone does per password auth (passlib -> bcrypt): one checkpw
    t = time.perf_counter()
    assert bcrypt.checkpw(pw, h)
    ms.append((time.perf_counter() - t) * 1000)
# every core at once (python3-bcrypt's C code runs without the GIL)
def work():
    for _ in range(n):
        assert bcrypt.checkpw(pw, h)
pool = [threading.Thread(target=work) for _ in range(threads)]
t0 = time.perf_counter()
for t in pool:
    t.start()
for t in pool:
    t.join()
par = threads * n / (time.perf_counter() - t0)
print(json.dumps({"impl": "python3-bcrypt " + bcrypt.__version__, "cost": cost, "n": n,
                  "median_ms": round(statistics.median(ms), 2), "mean_ms": round(statistics.mean(ms), 2),
                  "min_ms": round(min(ms), 2), "max_ms": round(max(ms), 2),
                  "threads": threads, "parallel_per_s": round(par, 2)}))
PY
            ;;
        *) return 1 ;;
    esac
}

# background_busy SECONDS -> % of all CPUs busy while we send nothing (other work on the machine)
background_busy() {
    local a b
    a=$(bench_machine_ticks)
    sleep "$1"
    b=$(bench_machine_ticks)
    bench_machine_busy "$a" "$b" | jq '.busy_pct'
}

# wait_quiet LABEL: sample the machine with no benchmark traffic (BG_SAMPLE s) into BG_BUSY; with
# QUIET_WAIT=S, wait up to S seconds for it to drop under QUIET_PCT % (a shared machine).
wait_quiet() {
    local deadline=$((SECONDS + ${QUIET_WAIT:-0}))
    BG_BUSY=$(background_busy "${BG_SAMPLE:-5}")
    while awk -v b="$BG_BUSY" -v q="${QUIET_PCT:-20}" 'BEGIN{exit !(b > q)}' && [ "$SECONDS" -lt "$deadline" ]; do
        bench_log "$1: machine ${BG_BUSY} % busy without benchmark traffic (> ${QUIET_PCT:-20} %); waiting (QUIET_WAIT)"
        sleep 5
        BG_BUSY=$(background_busy "${BG_SAMPLE:-5}")
    done
    bench_log "$1: machine ${BG_BUSY} % busy over ${BG_SAMPLE:-5}s without benchmark traffic"
}

# PROFILE=1: a JFR recording of a Java server during the measured run, summarised with
# `jfr view hot-methods` (JDK >= 21) into NAME-TEST-hot-methods.txt. Off by default.
profile_start() { # NAME TEST PID
    PROF_FILE=""
    [ "${PROFILE:-0}" = 1 ] && [ -n "${3:-}" ] && [ -x "$JDK/bin/jcmd" ] || return 0
    grep -q java "/proc/$3/cmdline" 2>/dev/null || return 0
    PROF_FILE=$RESULTS/$1-$2.jfr
    "$JDK/bin/jcmd" "$3" JFR.start name=bench settings=profile filename="$PROF_FILE" >/dev/null 2>&1 || PROF_FILE=""
}
profile_stop() { # NAME TEST PID
    [ -n "${PROF_FILE:-}" ] || return 0
    "$JDK/bin/jcmd" "$3" JFR.stop name=bench >/dev/null 2>&1 || true
    { "$JDK/bin/jfr" view --width 160 hot-methods "$PROF_FILE"
      "$JDK/bin/jfr" view --width 160 cpu-load "$PROF_FILE" | tail -n 5; } \
        >"$RESULTS/$1-$2-hot-methods.txt" 2>&1 || true
    bench_log "$1 $2: JFR hot methods in $RESULTS/$1-$2-hot-methods.txt"
}

# run_test NAME TEST LUA URL EXTRA_JSON -> appends one JSON line to $JSONL and prints RESULT
run_test() {
    local n=$1 t=$2 lua=$3 url=$4 extra=${5:-'{}'}
    local raw=$RESULTS/$n-$t.txt
    if [ "${SKIP_QUIET:-0}" != 1 ]; then wait_quiet "$n $t"; fi
    bench_log "$n $t: warm-up ${WARMUP}s, then wrk -t$THREADS -c$CONC -d${DURATION}s $url"
    if [ "$WARMUP" != 0 ]; then
        "${NICE[@]}" wrk -t"$THREADS" -c"$CONC" -d"${WARMUP}s" --timeout "$WRK_TIMEOUT" -s "$HERE/$lua" "$url" \
            >"$RESULTS/$n-$t-warmup.txt" 2>&1 || true
    fi
    local -a pids
    mapfile -t pids < <(server_pids "$n")
    # Requests still in flight when the warm-up's wrk quit are still being served: wait for the
    # server to go idle (under 0.1 core over 0.5 s, at most 60 s) so they do not eat into the
    # measured window.
    if [ "${#pids[@]}" -gt 0 ]; then
        local d0 d1
        for _ in $(seq 1 120); do
            d0=$(bench_cpu_ticks "${pids[@]}")
            sleep 0.5
            d1=$(bench_cpu_ticks "${pids[@]}")
            [ $(((d1 - d0) * 20)) -lt "$CLK_TCK" ] && break
        done
    fi
    local load m0 m1 s0 s1 w0 w1 met0 met1 me=$BASHPID
    load=$(bench_load1)
    m0=$(bench_machine_ticks)
    s0=$(bench_cpu_ticks "${pids[@]}")
    met0=$(metrics_snapshot "$n")
    profile_start "$n" "$t" "${PID_OF[$n]:-${pids[0]:-}}"
    w0=$(bench_children_ticks "$me")
    "${NICE[@]}" wrk -t"$THREADS" -c"$CONC" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -s "$HERE/$lua" "$url" \
        >"$raw" 2>&1 || true
    w1=$(bench_children_ticks "$me")
    s1=$(bench_cpu_ticks "${pids[@]}")
    m1=$(bench_machine_ticks)
    met1=$(metrics_snapshot "$n")
    profile_stop "$n" "$t" "${PID_OF[$n]:-${pids[0]:-}}"
    local j
    j=$(sed -n 's/^WRKJSON //p' "$raw" | tail -n1)
    if [ -z "$j" ]; then
        tail -n 5 "$raw" >&2
        bench_log "$n $t: wrk printed no result (see $raw)"
        j='{"requests":0,"rps":0}'
    fi
    local server_mean=null server_n=null
    if [ -n "$met0" ] && [ -n "$met1" ]; then
        read -r c0 x0 <<<"$met0"
        read -r c1 x1 <<<"$met1"
        server_n=$((c1 - c0))
        [ "$server_n" -gt 0 ] && server_mean=$(awk -v a="$x0" -v b="$x1" -v c="$server_n" \
            'BEGIN{printf "%.3f", (b-a)*1000/c}')
    fi
    j=$(jq -c \
        --arg target "$n" --arg test "$t" --arg url "$url" \
        --argjson conc "$CONC" --argjson threads "$THREADS" --argjson warmup "$WARMUP" \
        --argjson load1 "$load" --argjson nproc "$NPROC" \
        --argjson server_cpu "$(awk -v a="$s0" -v b="$s1" -v hz="$CLK_TCK" -v d="$DURATION" \
            'BEGIN{printf "%.2f", (b-a)/hz/d}')" \
        --argjson wrk_cpu "$(awk -v a="$w0" -v b="$w1" -v hz="$CLK_TCK" -v d="$DURATION" \
            'BEGIN{printf "%.2f", (b-a)/hz/d}')" \
        --argjson machine "$(bench_machine_busy "$m0" "$m1")" \
        --argjson server_mean "$server_mean" --argjson server_n "$server_n" \
        --argjson bg "${BG_BUSY:-null}" \
        --argjson extra "$extra" \
        '{target:$target, test:$test, url:$url, conc:$conc, threads:$threads, warmup_s:$warmup} + .
         + {server_cpu_cores:$server_cpu, wrk_cpu_cores:$wrk_cpu, machine_busy_pct:$machine.busy_pct,
            irq_cores:$machine.irq_cores, steal_cores:$machine.steal_cores,
            other_cpu_cores:(([$machine.cores_busy - $server_cpu - $wrk_cpu - $machine.irq_cores - $machine.steal_cores, 0] | max) * 100 | round / 100),
            background_busy_pct:$bg,
            server_cpu_ms_per_req:(if .rps > 0 then ($server_cpu * 1000 / .rps * 1000 | round / 1000) else null end),
            load1_before:$load1, nproc:$nproc,
            server_requests:$server_n, server_mean_ms:$server_mean} + $extra' <<<"$j")
    echo "$j" >>"$JSONL"
    echo "RESULT $n $t $j"
}

# ------------------------------------------------------------------ the runs
bench_log "machine: $NPROC x $(bench_cpu_model); targets: ${NAMES[*]}; CONC=$CONC DURATION=${DURATION}s WARMUP=${WARMUP}s THREADS=$THREADS"
bench_log "results: $RESULTS"
for n in "${NAMES[@]}"; do
    export BENCH_USERNAME BENCH_PASSWORD BENCH_PROJECT BENCH_USER_DOMAIN BENCH_PROJECT_DOMAIN
    BENCH_USERNAME=$(tenv "$n" USERNAME OS_USERNAME admin)
    BENCH_PASSWORD=${PASS[$n]:-$(tenv "$n" PASSWORD OS_PASSWORD "")}
    BENCH_PROJECT=$(tenv "$n" PROJECT_NAME OS_PROJECT_NAME admin)
    BENCH_USER_DOMAIN=${OS_USER_DOMAIN_NAME:-Default}
    BENCH_PROJECT_DOMAIN=${OS_PROJECT_DOMAIN_NAME:-Default}
    [ -n "$BENCH_PASSWORD" ] || bench_die "$n: no password (set $(env_prefix "$n")_PASSWORD or OS_PASSWORD)"
    COST[$n]=${COST[$n]:-$(tenv "$n" BCRYPT_COST "" 12)}
    if [ -z "${HASHER[$n]:-}" ]; then
        HASHER[$n]=$(tenv "$n" HASHER "" "")
        [ -n "${HASHER[$n]}" ] || case $n in *apiary*|*Apiary*) HASHER[$n]=java ;; *) HASHER[$n]=python ;; esac
    fi
    url=${URL[$n]}

    code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$url")
    [ "$code" = 200 ] || bench_die "$n: GET $url answered $code"
    for _ in $(seq 1 30); do   # a server that has just started may not be bootstrapped yet
        BENCH_ADMIN_TOKEN=$(issue_token "$n" || true)
        [ -n "$BENCH_ADMIN_TOKEN" ] && break
        sleep 2
    done
    BENCH_SUBJECT_TOKEN=$(issue_token "$n" || true)
    [ -n "$BENCH_ADMIN_TOKEN" ] && [ -n "$BENCH_SUBJECT_TOKEN" ] ||
        bench_die "$n: could not issue tokens at $url/auth/tokens (user $BENCH_USERNAME, project $BENCH_PROJECT)"
    export BENCH_ADMIN_TOKEN BENCH_SUBJECT_TOKEN
    code=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $BENCH_ADMIN_TOKEN" \
        -H "X-Subject-Token: $BENCH_SUBJECT_TOKEN" "$url/auth/tokens")
    [ "$code" = 200 ] || bench_die "$n: token validation probe answered $code"

    trivial_rps=""
    for t in ${TESTS//,/ }; do
        case $t in
            trivial)
                line=$(run_test "$n" trivial trivial.lua "$url")
                echo "$line"
                trivial_rps=$(sed 's/^RESULT [^ ]* [^ ]* //' <<<"$line" | jq '.rps')
                ;;
            validate)
                extra='{}'
                [ -n "$trivial_rps" ] && extra=$(jq -nc --argjson tr "$trivial_rps" '{trivial_rps:$tr}')
                line=$(run_test "$n" validate validate.lua "$url/auth/tokens" "$extra")
                if [ -n "$trivial_rps" ]; then
                    # add pct_of_trivial to the last JSON line
                    j=$(tail -n1 "$JSONL" | jq -c 'if .trivial_rps > 0 then . + {pct_of_trivial: ((.rps / .trivial_rps * 1000 | round) / 10)} else . end')
                    sed -i '$d' "$JSONL"
                    echo "$j" >>"$JSONL"
                    line="RESULT $n validate $j"
                fi
                echo "$line"
                ;;
            issue)
                hj=""
                wait_quiet "$n issue"   # before the hash timing too
                if [ "${HASHER[$n]}" != none ]; then
                    bench_log "$n: timing $HASH_N bcrypt hashes at cost ${COST[$n]} (${HASHER[$n]}), single-threaded"
                    hj=$(hash_time "$n" | tail -n1) || hj=""
                    [ -n "$hj" ] && bench_log "$n: bcrypt $hj"
                fi
                extra=$(jq -nc --argjson cost "${COST[$n]}" --arg hasher "${HASHER[$n]}" '{bcrypt_cost:$cost, hasher:$hasher}')
                if [ -n "$hj" ]; then
                    extra=$(jq -c --argjson np "$NPROC" '{bcrypt_cost:.cost, bcrypt_impl:.impl, hash_ms:.median_ms,
                        hash_min_ms:.min_ms, hash_n:.n, ceiling_rps:(($np / (.median_ms/1000)) * 100 | round / 100),
                        hash_parallel_per_s:.parallel_per_s}' <<<"$hj")
                fi
                SKIP_QUIET=1 run_test "$n" issue issue.lua "$url/auth/tokens" "$extra" >/dev/null
                j=$(tail -n1 "$JSONL" | jq -c 'if (.ceiling_rps // 0) > 0 then . + {pct_of_ceiling: ((.rps / .ceiling_rps * 1000 | round) / 10)} else . end
                    | if (.hash_parallel_per_s // 0) > 0 then . + {pct_of_parallel_hashing: ((.rps / .hash_parallel_per_s * 1000 | round) / 10)} else . end
                    | if (.hash_ms // 0) > 0 and (.server_cpu_ms_per_req // 0) > 0 then . + {hash_share_of_server_cpu_pct: ((.hash_ms / .server_cpu_ms_per_req * 1000 | round) / 10)} else . end')
                sed -i '$d' "$JSONL"
                echo "$j" >>"$JSONL"
                echo "RESULT $n issue $j"
                ;;
            *) bench_die "unknown test: $t" ;;
        esac
    done
done

# ------------------------------------------------------------------ summary
{
    echo
    echo "### Keystone token benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $NPROC x $(bench_cpu_model), wrk -t$THREADS -c$CONC, ${WARMUP}s warm-up + ${DURATION}s per test"
    echo
    echo "| target | test | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | CPU cores: server / wrk / other | server CPU ms/req | figure |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    jq -r '
        def f(x): if x == null then "–" elif x >= 100 then (x | round | tostring)
                  elif x < 1 then ((x * 1000 | round) / 1000 | tostring)
                  elif x >= 10 then ((x * 10 | round) / 10 | tostring) else ((x * 100 | round) / 100 | tostring) end;
        def fig: if .test == "validate" and .pct_of_trivial != null then "\(.pct_of_trivial) % of trivial"
                 elif .test == "issue" and .pct_of_ceiling != null then
                   "\(.pct_of_ceiling) % of ceiling (\(.nproc) cores / \(f(.hash_ms)) ms per hash at cost \(.bcrypt_cost) = \(f(.ceiling_rps)) req/s)"
                   + (if .hash_parallel_per_s != null then "; \(.pct_of_parallel_hashing) % of \(f(.hash_parallel_per_s)) hashes/s measured on \(.nproc) threads" else "" end)
                   + (if .hash_share_of_server_cpu_pct != null then "; one hash = \(.hash_share_of_server_cpu_pct) % of the server CPU per issue" else "" end)
                 elif .server_mean_ms != null then "server mean \(.server_mean_ms) ms" else "" end;
        "| \(.target) | \(.test) | \(.requests) | \(f(.rps)) | \(f(.p50_ms)) | \(f(.p90_ms)) | \(f(.p99_ms)) | \(f(.max_ms)) | \(.non2xx) | \(.server_cpu_cores) / \(.wrk_cpu_cores) / \(.other_cpu_cores) | \(f(.server_cpu_ms_per_req)) | \(fig) |"
    ' "$JSONL"
    echo
    echo "Machine busy without benchmark traffic, sampled ${BG_SAMPLE:-5}s before each test:"
    jq -rs 'group_by(.target)[] | "- \(.[0].target): " + (map("\(.test) \(.background_busy_pct) %") | join(", "))' "$JSONL"
    echo
    echo "\"other\" = CPU used by processes other than the server and wrk during the test (irq/softirq"
    echo "and steal time excluded; listed in results.jsonl as irq_cores and steal_cores)."
    [ -n "${BENCH_NICE:-}" ] && echo "Servers started here, wrk and the hash timing ran at nice ${BENCH_NICE}."
    echo
    echo "Goals (validation ≥ 40 % of trivial with p99 < 5 ms; issue ≥ 90 % of the bcrypt ceiling):"
    jq -r '
        if .test == "validate" and .pct_of_trivial != null then
          "- \(.target) validate: \(.pct_of_trivial) % of trivial, p99 \(.p99_ms) ms → " +
          (if .pct_of_trivial >= 40 and .p99_ms < 5 then "MET" else "MISSED" end)
        elif .test == "issue" and .pct_of_ceiling != null then
          "- \(.target) issue: \(.pct_of_ceiling) % of ceiling → " + (if .pct_of_ceiling >= 90 then "MET" else "MISSED" end)
        else empty end' "$JSONL"
} | tee "$RESULTS/summary.md"
bench_log "raw wrk output, results.jsonl and summary.md in $RESULTS"
