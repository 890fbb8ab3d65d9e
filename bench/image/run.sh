#!/usr/bin/env bash
# Image data benchmark: upload and download of one large image through the Glance v2 API
# (PUT/GET /v2/images/{id}/file with curl), against one or more clouds in one run, one after
# another, next to the raw disk bandwidth of this machine (dd with fsync) on the same file
# system. Every upload is verified: the server's checksum (md5) and os_hash_value (sha512)
# must equal the local ones, and one download per target is compared byte for byte (sha512).
#
#   bench/image/run.sh --start-apiary --start-reference
#   bench/image/run.sh --target apiary=http://127.0.0.1:5000/v3 --target reference=http://127.0.0.1:15100/v3
#
# Options:
#   --target NAME=URL   an OS_AUTH_URL (.../v3); the image endpoint comes from its catalog. Repeatable.
#   --start-apiary      build if needed, start `bin/apiary all-in-one` on free ports with a fresh data
#                       dir under $WORK (heap APIARY_HEAP, default 256m), target "apiary"; stopped at the end.
#   --start-reference   start the reference cloud (/work/shared/tools/reference/setup.sh, SKIP_INSTALL=1)
#                       in REF_STATE (default /tmp/ref-image) with keystone on REF_KS_PORT (15100) and
#                       glance on 15092, target "reference"; stopped at the end. It does not touch the
#                       shared reference in /tmp/ref (keystone :15000).
#   --pid NAME=PIDS     server processes of NAME for CPU accounting (comma list; default: the processes
#                       listening on its image port, and their threads).
#   --fsync-dir NAME=DIR  after each upload to NAME, fsync its stored file DIR/<image id> and report the
#                       upload plus that fsync too ("durable"): Glance's filesystem store does not fsync,
#                       Apiary fsyncs before it answers, so only this figure compares like with like.
#                       Set for both targets by --start-apiary / --start-reference.
#   --renice PIDS       comma list of server processes started elsewhere to run at BENCH_NICE too (with
#                       their session's autogroup), so that every target gets the same priority.
# Env: BENCH_NICE (e.g. -10; root): run this script, the servers it starts and curl at that nice level
#      in a session of its own (with autogroup scheduling a plain nice only ranks within one session),
#      so that other jobs on a shared machine disturb the figures less. SIZE_MB (1024), RUNS (3, median reported), WORK (/tmp/apiary-bench/image-<date>: the image
#      file, dd target, results), <NAME>_PASSWORD / OS_PASSWORD, <NAME>_USERNAME / OS_USERNAME (admin),
#      <NAME>_PROJECT_NAME / OS_PROJECT_NAME (admin).
# Output: RESULT lines on stdout, $WORK/results.jsonl and $WORK/summary.md.
set -euo pipefail

if [ -n "${BENCH_NICE:-}" ] && [ -z "${BENCH_OWN_SESSION:-}" ] && command -v setsid >/dev/null 2>&1; then
    BENCH_OWN_SESSION=1 exec setsid -w "$0" "$@"
fi

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"
export PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH

SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
WORK=${WORK:-${TMPDIR:-/tmp}/apiary-bench/image-$(date +%Y%m%d-%H%M%S)}
REF_DIR=${REF_DIR:-/work/shared/tools/reference}
REF_STATE=${REF_STATE:-/tmp/ref-image}
REF_KS_PORT=${REF_KS_PORT:-15100}
APIARY_HEAP=${APIARY_HEAP:-256m}
START_APIARY=0
START_REFERENCE=0
RENICE=""
declare -a NAMES=()
declare -A PIDS_OF=() FSYNC_DIR=()
declare -A URL=()
APIARY_PID=""

while [ $# -gt 0 ]; do
    case $1 in
        --target) NAMES+=("${2%%=*}"); URL[${2%%=*}]=${2#*=}; shift 2 ;;
        --start-apiary) START_APIARY=1; shift ;;
        --start-reference) START_REFERENCE=1; shift ;;
        --renice) RENICE=$2; shift 2 ;;
        --fsync-dir) FSYNC_DIR[${2%%=*}]=${2#*=}; shift 2 ;;
        --pid) PIDS_OF[${2%%=*}]=${2#*=}; PIDS_OF[${2%%=*}]=${PIDS_OF[${2%%=*}]//,/ }; shift 2 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) bench_die "unknown option $1 (see --help)" ;;
    esac
done
for tool in curl jq dd md5sum sha512sum; do bench_need "$tool"; done
mkdir -p "$WORK"
: > "$WORK/results.jsonl"

# renice_tree PID...: BENCH_NICE for the processes and their sessions' autogroups (root only).
renice_tree() {
    [ -n "${BENCH_NICE:-}" ] || return 0
    local p
    for p in "$@"; do
        renice -n "$BENCH_NICE" -p "$p" >/dev/null 2>&1 || bench_log "could not renice $p"
        [ -w "/proc/$p/autogroup" ] && echo "$BENCH_NICE" >"/proc/$p/autogroup" 2>/dev/null
    done
    return 0
}
renice_tree $$
# shellcheck disable=SC2086  # a list of PIDs
[ -n "$RENICE" ] && renice_tree ${RENICE//,/ }

cleanup() {
    if [ -n "$APIARY_PID" ]; then bench_stop_pid "$APIARY_PID"; fi
    if [ "$START_REFERENCE" = 1 ]; then "$REF_DIR/stop.sh" "$REF_STATE" >/dev/null 2>&1 || true; fi
    rm -f "$WORK/image.bin" "$WORK/dd.out" "$WORK/download.bin"
}
trap cleanup EXIT

if [ "$START_APIARY" = 1 ]; then
    ks=$(bench_free_port); im=$(bench_free_port)
    export APIARY_ADMIN_PASSWORD=${APIARY_PASSWORD:-bench-$RANDOM$RANDOM}
    APIARY_PASSWORD=$APIARY_ADMIN_PASSWORD
    APIARY_BUILD_ONLY=1 "$ROOT/bin/apiary"
    bench_log "starting apiary all-in-one (heap $APIARY_HEAP) on :$ks (identity) and :$im (image)"
    # A session of its own, like the daemonized reference: with autogroup scheduling, sharing the
    # benchmark's session would make the server and curl split one share of the CPU.
    # Only Keystone and Glance matter here: the other APIs on free ports, and no privileged helper or
    # network agent (as root the all-in-one would start both, and their start-up would count as the
    # server's CPU during the first upload).
    mkdir -p "$WORK/apiary-data"
    printf '[placement]\nport = 0\n[network]\nport = 0\n[compute]\nport = 0\n[helper]\nenabled = false\n' \
        >"$WORK/apiary-data/apiary.conf"
    APIARY_NO_BUILD=1 APIARY_JAVA_OPTS="-Xmx$APIARY_HEAP ${APIARY_JAVA_OPTS:-}" setsid "$ROOT/bin/apiary" all-in-one \
        --data-dir "$WORK/apiary-data" --identity-port "$ks" --image-port "$im" >"$WORK/apiary.log" 2>&1 &
    APIARY_PID=$!
    renice_tree "$APIARY_PID"
    bench_wait_http "http://127.0.0.1:$im/" 120 || bench_die "apiary did not start; see $WORK/apiary.log"
    NAMES+=(apiary); URL[apiary]=http://127.0.0.1:$ks/v3; FSYNC_DIR[apiary]=$WORK/apiary-data/images
fi
if [ "$START_REFERENCE" = 1 ]; then
    ss -Hltn "sport = :15092" | grep -q . && bench_die "something already listens on :15092"
    bench_log "starting the reference cloud in $REF_STATE (keystone :$REF_KS_PORT, glance :15092)"
    KS_PORT=$REF_KS_PORT PL_PORT=$((REF_KS_PORT + 78)) GL_PORT=15092 SKIP_INSTALL=1 \
        "$REF_DIR/setup.sh" "$REF_STATE" >"$WORK/reference-setup.log" 2>&1 || bench_die "reference setup failed"
    for f in "$REF_STATE"/run/*.pid; do renice_tree $(pgrep -s "$(ps -o sid= -p "$(cat "$f")")"); done
    NAMES+=(reference); URL[reference]=http://127.0.0.1:$REF_KS_PORT/v3; FSYNC_DIR[reference]=$REF_STATE/glance/images
    REFERENCE_PASSWORD=${REFERENCE_PASSWORD:-admin}
fi
[ ${#NAMES[@]} -gt 0 ] || bench_die "no target (use --target, --start-apiary or --start-reference)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b / 1048576 / s}'; }
emit() { echo "RESULT $1 $2"; printf '{"target": "%s", %s\n' "$1" "${2#\{}" >> "$WORK/results.jsonl"; }

bench_log "writing a ${SIZE_MB} MiB random image to $WORK/image.bin"
head -c $((SIZE_MB * 1048576)) /dev/urandom > "$WORK/image.bin"
BYTES=$(stat -c %s "$WORK/image.bin")
MD5=$(md5sum "$WORK/image.bin" | cut -d' ' -f1)
SHA512=$(sha512sum "$WORK/image.bin" | cut -d' ' -f1)

# Raw disk: write the same bytes with dd and fsync (conv=fsync), and read them back (page cache,
# as the servers' downloads of a just-written image are).
w=(); r=()
for _ in $(seq "$RUNS"); do
    rm -f "$WORK/dd.out"; sync
    t0=$(date +%s.%N); dd if="$WORK/image.bin" of="$WORK/dd.out" bs=1M conv=fsync status=none; t1=$(date +%s.%N)
    w+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    t0=$(date +%s.%N); dd if="$WORK/dd.out" of=/dev/null bs=1M status=none; t1=$(date +%s.%N)
    r+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
done
DD_W=$(printf '%s\n' "${w[@]}" | median); DD_R=$(printf '%s\n' "${r[@]}" | median)
emit dd "{\"write_fsync_mbps\": $(mbps "$BYTES" "$DD_W"), \"read_mbps\": $(mbps "$BYTES" "$DD_R"), \"bytes\": $BYTES}"
rm -f "$WORK/dd.out"

token_and_endpoint() { # NAME -> sets TOKEN, IMAGE_URL
    local n=$1 up=${1^^}; up=${up//[^A-Z0-9]/_}
    local user pass proj pv uv
    uv=${up}_USERNAME; pv=${up}_PASSWORD
    user=${!uv:-${OS_USERNAME:-admin}}; pass=${!pv:-${OS_PASSWORD:-}}
    local jv=${up}_PROJECT_NAME; proj=${!jv:-${OS_PROJECT_NAME:-admin}}
    local body="{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"$user\","
    body+=" \"domain\": {\"name\": \"Default\"}, \"password\": \"$pass\"}}}, \"scope\": {\"project\": {\"name\": \"$proj\","
    body+=" \"domain\": {\"name\": \"Default\"}}}}}"
    curl -s -D "$WORK/h" -o "$WORK/token.json" -H 'Content-Type: application/json' -d "$body" "${URL[$n]}/auth/tokens"
    TOKEN=$(sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' "$WORK/h" | tr -d '\r')
    [ -n "$TOKEN" ] || bench_die "$n: no token from ${URL[$n]}"
    IMAGE_URL=$(jq -r '.token.catalog[] | select(.type == "image") | .endpoints[]
                       | select(.interface == "public") | .url' "$WORK/token.json" | head -n1)
    IMAGE_URL=${IMAGE_URL%/}
    [ -n "$IMAGE_URL" ] || bench_die "$n: no image endpoint in the catalog"
}

# cpu_ticks PID...: user+system clock ticks of the processes so far (all their threads, also
# those that have ended: the process's own counters include them).
cpu_ticks() {
    local t=0 p
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] || continue
        # shellcheck disable=SC2046  # the fields of /proc/PID/stat, split on purpose
        set -- $(sed 's/.*) //' "/proc/$p/stat")
        t=$((t + ${12:-0} + ${13:-0}))
    done
    echo "$t"
}
TICK=$(getconf CLK_TCK)

declare -A TOK=() IMG=() UP=() DOWN=() UCPU=() DCPU=() CHECKED=() DURABLE=()
# fsync_s FILE: seconds an fsync of FILE takes (its dirty pages written to disk).
fsync_s() {
    /usr/bin/python3 -c 'import os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY); t = time.monotonic(); os.fsync(fd); print("%.3f" % (time.monotonic() - t))' "$1"
}
for n in "${NAMES[@]}"; do
    token_and_endpoint "$n"; TOK[$n]=$TOKEN; IMG[$n]=$IMAGE_URL
    [ -n "${PIDS_OF[$n]:-}" ] || PIDS_OF[$n]=$(bench_listen_pids "$(bench_port_of "$IMAGE_URL")" | tr '\n' ' ')
    bench_log "$n: image endpoint $IMAGE_URL, server processes: ${PIDS_OF[$n]:-unknown}"
done
# Targets take turns within each run, so that a change in the machine's background load hits all alike.
for run in $(seq "$RUNS"); do
    for n in "${NAMES[@]}"; do
        TOKEN=${TOK[$n]}; IMAGE_URL=${IMG[$n]}; pids=${PIDS_OF[$n]:-}
        bench_log "$n run $run: load average $(cut -d' ' -f1-3 /proc/loadavg)"
        id=$(curl -s -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\": \"bench-$run\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" \
            "$IMAGE_URL/v2/images" | jq -r .id)
        [ -n "$id" ] && [ "$id" != null ] || bench_die "$n: image create failed"
        # shellcheck disable=SC2086  # pids is a list
        c0=$(cpu_ticks $pids)
        out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X PUT -T "$WORK/image.bin" -H 'Expect:' \
            -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' "$IMAGE_URL/v2/images/$id/file")
        # shellcheck disable=SC2086
        c1=$(cpu_ticks $pids)
        [ "${out%% *}" = 204 ] || bench_die "$n: upload answered ${out%% *}"
        if [ -n "${FSYNC_DIR[$n]:-}" ]; then
            DURABLE[$n]+="$(awk -v a="${out#* }" -v b="$(fsync_s "${FSYNC_DIR[$n]}/$id")" 'BEGIN {print a + b}') "
        fi
        UP[$n]+="${out#* } "; UCPU[$n]+="$(awk -v t=$((c1 - c0)) -v h="$TICK" 'BEGIN {printf "%.2f", t / h}') "
        show=$(curl -s -H "X-Auth-Token: $TOKEN" "$IMAGE_URL/v2/images/$id")
        [ "$(jq -r .checksum <<<"$show")" = "$MD5" ] || bench_die "$n: checksum differs from the local md5"
        [ "$(jq -r .os_hash_value <<<"$show")" = "$SHA512" ] || bench_die "$n: os_hash_value differs from sha512"
        # shellcheck disable=SC2086
        c0=$(cpu_ticks $pids)
        out=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' -H "X-Auth-Token: $TOKEN" \
            "$IMAGE_URL/v2/images/$id/file")
        # shellcheck disable=SC2086
        c1=$(cpu_ticks $pids)
        [ "${out%% *}" = 200 ] && [ "${out##* }" = "$BYTES" ] || bench_die "$n: download answered $out"
        DOWN[$n]+="$(cut -d' ' -f2 <<<"$out") "; DCPU[$n]+="$(awk -v t=$((c1 - c0)) -v h="$TICK" 'BEGIN {printf "%.2f", t / h}') "
        if [ "$run" = 1 ]; then
            curl -s -o "$WORK/download.bin" -H "X-Auth-Token: $TOKEN" "$IMAGE_URL/v2/images/$id/file"
            [ "$(sha512sum "$WORK/download.bin" | cut -d' ' -f1)" = "$SHA512" ] || bench_die "$n: downloaded bytes differ"
            rm -f "$WORK/download.bin"; CHECKED[$n]=true
        fi
        curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $TOKEN" "$IMAGE_URL/v2/images/$id"
    done
done
for n in "${NAMES[@]}"; do
    U=$(tr ' ' '\n' <<<"${UP[$n]}" | grep . | median); D=$(tr ' ' '\n' <<<"${DOWN[$n]}" | grep . | median)
    UC=$(tr ' ' '\n' <<<"${UCPU[$n]}" | grep . | median); DC=$(tr ' ' '\n' <<<"${DCPU[$n]}" | grep . | median)
    durable=""
    if [ -n "${DURABLE[$n]:-}" ]; then
        DU=$(tr ' ' '\n' <<<"${DURABLE[$n]}" | grep . | median)
        durable=", \"durable_upload_s\": $DU, \"durable_upload_mbps\": $(mbps "$BYTES" "$DU")"
    fi
    rss=""
    if [ "$n" = apiary ] && [ -n "$APIARY_PID" ]; then
        rss=", \"server_peak_rss_mb\": $(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$APIARY_PID/status")"
    fi
    emit "$n" "{\"upload_s\": $U, \"upload_mbps\": $(mbps "$BYTES" "$U"), \"upload_server_cpu_s\": $UC, \
\"download_s\": $D, \"download_mbps\": $(mbps "$BYTES" "$D"), \"download_server_cpu_s\": $DC, \
\"checksums_verified\": true, \"download_compared\": ${CHECKED[$n]:-false}, \"runs\": $RUNS, \
\"upload_runs\": \"${UP[$n]% }\", \"download_runs\": \"${DOWN[$n]% }\"$durable$rss}"
done

{
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
    echo
    echo "| target | upload MB/s | upload+fsync MB/s | download MB/s | vs dd write+fsync (durable) | vs dd read | server CPU s per upload / download |"
    echo "|---|---|---|---|---|---|---|"
    dw=$(jq -r 'select(.target == "dd") | .write_fsync_mbps' "$WORK/results.jsonl")
    dr=$(jq -r 'select(.target == "dd") | .read_mbps' "$WORK/results.jsonl")
    echo "| dd | $dw (write+fsync) | $dw | $dr (read) | 100 % | 100 % | |"
    jq -r --argjson dw "$dw" --argjson dr "$dr" 'select(.target != "dd") | "| \(.target) | \(.upload_mbps) | \(.durable_upload_mbps // "-") | \(.download_mbps) | \(((.durable_upload_mbps // .upload_mbps) / $dw * 100) | floor) % | \((.download_mbps / $dr * 100) | floor) % | \(.upload_server_cpu_s) / \(.download_server_cpu_s) |"' "$WORK/results.jsonl"
    echo
} > "$WORK/summary.md"
cat "$WORK/summary.md"
bench_log "results in $WORK"
