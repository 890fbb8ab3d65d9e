# shellcheck shell=bash
# Helpers shared by the benchmark scripts under bench/. Source it; it sets no shell options.
#   . "$(dirname "$0")/../lib.sh"

bench_log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

# bench_need CMD [DEBIAN_PACKAGE]: fail with an install hint when a tool is missing.
bench_need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    bench_die "$1 is missing: apt-get install ${2:-$1}"
}

# bench_free_port: print a TCP port on 127.0.0.1 that nobody listens on right now.
bench_free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

# bench_wait_http URL SECONDS [PID]: wait until URL answers 2xx/3xx; fail early if PID died.
bench_wait_http() {
    local url=$1 secs=$2 pid=${3:-} code
    local deadline=$((SECONDS + secs))
    while [ "$SECONDS" -lt "$deadline" ]; do
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)
        case $code in 2??|3??) return 0 ;; esac
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.5
    done
    return 1
}

# bench_stop_pid PID [SECONDS]: TERM, wait, then KILL. Only for processes we started.
bench_stop_pid() {
    local pid=$1 secs=${2:-20}
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((secs * 10))); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# bench_json_escape STRING: the string as a JSON string literal body (no quotes added).
bench_json_escape() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '%s' "$s"
}

# bench_port_of URL: the TCP port of an http:// URL (80 when none is given).
bench_port_of() {
    local hostport=${1#*://}
    hostport=${hostport%%/*}
    case $hostport in
        *:*) echo "${hostport##*:}" ;;
        *) echo 80 ;;
    esac
}

# bench_listen_pids PORT: the PIDs holding a listening socket on PORT (needs ss from iproute2).
bench_listen_pids() {
    command -v ss >/dev/null 2>&1 || return 0
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -un
}

# bench_tree_pids PID...: those PIDs and all their descendants, one per line, no duplicates.
bench_tree_pids() {
    local -A seen=()
    local -a queue=("$@")
    local p c
    while [ "${#queue[@]}" -gt 0 ]; do
        p=${queue[0]}
        queue=("${queue[@]:1}")
        [ -n "$p" ] && [ -z "${seen[$p]:-}" ] || continue
        seen[$p]=1
        echo "$p"
        for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do
            queue+=("$c")
        done
    done
}

# bench_cpu_ticks PID...: user+system clock ticks used so far by those processes (not their children).
bench_cpu_ticks() {
    local p total=0 stat
    local -a f
    for p in "$@"; do
        stat=$(cat /proc/"$p"/stat 2>/dev/null) || continue
        # The command name may hold spaces; the fields after ") " are fixed: state is f[0],
        # utime and stime (fields 14 and 15 of /proc/PID/stat) are f[11] and f[12].
        read -ra f <<<"${stat##*) }"
        total=$((total + f[11] + f[12]))
    done
    echo "$total"
}

# bench_children_ticks PID: user+system clock ticks of the finished, waited-for children of
# shell PID (cutime + cstime). Pass the caller's $BASHPID (read it outside any $(...)), before
# and after running wrk in the foreground, to get wrk's CPU time.
bench_children_ticks() {
    local stat
    local -a f
    stat=$(cat /proc/"$1"/stat)
    read -ra f <<<"${stat##*) }"
    echo $((f[13] + f[14]))
}

# bench_machine_ticks: "busy total irq steal" clock ticks of all CPUs since boot (/proc/stat):
# busy = everything but idle and iowait; irq = irq + softirq time (network processing that no
# process is charged for); steal = time the hypervisor gave to other guests.
bench_machine_ticks() {
    awk '/^cpu /{tot=0; for(i=2;i<=9;i++) tot+=$i; print tot-$5-$6, tot, $7+$8, $9; exit}' /proc/stat
}

# bench_machine_busy BEFORE AFTER: JSON {"busy_pct","irq_cores","steal_cores","cores_busy"}
# between two bench_machine_ticks snapshots.
bench_machine_busy() {
    awk -v a="$1" -v b="$2" -v np="$(nproc)" 'BEGIN{
        split(a, x, " "); split(b, y, " "); t = y[2]-x[2]; if (t <= 0) t = 1
        printf "{\"busy_pct\":%.1f,\"cores_busy\":%.2f,\"irq_cores\":%.2f,\"steal_cores\":%.2f}",
            100*(y[1]-x[1])/t, np*(y[1]-x[1])/t, np*(y[3]-x[3])/t, np*(y[4]-x[4])/t }'
}

bench_clk_tck() { getconf CLK_TCK 2>/dev/null || echo 100; }

bench_load1() { cut -d' ' -f1 /proc/loadavg; }

bench_cpu_model() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1; }
