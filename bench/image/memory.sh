#!/usr/bin/env bash
# Memory stays flat: start `apiary all-in-one` with its heap capped (HEAP, default 256m) and GC
# logging, upload a SIZE_GB (default 4) GiB random image twice through the API (fixed length and
# chunked), download each back, check sha512 and the server's checksums, and report the JVM's
# peak RSS and the largest heap in use after any GC.
#
#   bench/image/memory.sh            # 4 GiB, -Xmx256m
#   SIZE_GB=1 HEAP=128m bench/image/memory.sh
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"
export PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH

SIZE_GB=${SIZE_GB:-4}
HEAP=${HEAP:-256m}
WORK=${WORK:-${TMPDIR:-/tmp}/apiary-bench/image-memory-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$WORK"
PID=""
trap '[ -n "$PID" ] && bench_stop_pid "$PID"; rm -f "$WORK/image.bin"' EXIT

ks=$(bench_free_port); im=$(bench_free_port)
export APIARY_ADMIN_PASSWORD=mem-$RANDOM$RANDOM
APIARY_BUILD_ONLY=1 "$ROOT/bin/apiary"
APIARY_NO_BUILD=1 APIARY_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$WORK/gc.log" "$ROOT/bin/apiary" all-in-one \
    --data-dir "$WORK/data" --identity-port "$ks" --image-port "$im" >"$WORK/apiary.log" 2>&1 &
PID=$!
bench_wait_http "http://127.0.0.1:$im/" 120 || bench_die "apiary did not start; see $WORK/apiary.log"
IMAGE=http://127.0.0.1:$im

bench_log "writing $SIZE_GB GiB of random data"
head -c $((SIZE_GB << 30)) /dev/urandom > "$WORK/image.bin"
MD5=$(md5sum "$WORK/image.bin" | cut -d' ' -f1)
SHA=$(sha512sum "$WORK/image.bin" | cut -d' ' -f1)

body="{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\", \"domain\":
 {\"id\": \"default\"}, \"password\": \"$APIARY_ADMIN_PASSWORD\"}}}, \"scope\": {\"project\": {\"name\": \"admin\",
 \"domain\": {\"id\": \"default\"}}}}}"
TOKEN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$ks/v3/auth/tokens" \
    | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' | tr -d '\r')

for mode in fixed chunked; do
    id=$(curl -s -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"name\": \"mem-$mode\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" "$IMAGE/v2/images" | jq -r .id)
    extra=(); [ $mode = chunked ] && extra=(-H 'Transfer-Encoding: chunked')
    up=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X PUT -T "$WORK/image.bin" -H 'Expect:' "${extra[@]}" \
        -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' "$IMAGE/v2/images/$id/file")
    show=$(curl -s -H "X-Auth-Token: $TOKEN" "$IMAGE/v2/images/$id")
    ok=$([ "$(jq -r .checksum <<<"$show")" = "$MD5" ] && [ "$(jq -r .os_hash_value <<<"$show")" = "$SHA" ] && echo yes || echo NO)
    t0=$(date +%s.%N)
    got=$(curl -s -H "X-Auth-Token: $TOKEN" "$IMAGE/v2/images/$id/file" | sha512sum | cut -d' ' -f1)
    t1=$(date +%s.%N)
    same=$([ "$got" = "$SHA" ] && echo yes || echo NO)
    echo "RESULT $mode upload: HTTP ${up% *} in ${up#* } s; server checksums match: $ok; download (through sha512sum) in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s, bytes identical: $same"
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $TOKEN" "$IMAGE/v2/images/$id"
done
echo "RESULT heap cap $HEAP; JVM peak RSS $(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' /proc/$PID/status)"
# "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 40M->12M(64M)": heap in use after each GC, and its size.
echo "RESULT heap after GC: max $(grep -o -- '->[0-9]*M' "$WORK/gc.log" | tr -d '>M-' | sort -n | tail -1) MB; largest heap size \
$(grep -o '([0-9]*M)' "$WORK/gc.log" | tr -d '()M' | sort -n | tail -1) MB; $(grep -c Pause "$WORK/gc.log") GC pauses"
bench_log "logs in $WORK"
