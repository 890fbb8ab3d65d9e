# shellcheck shell=bash
# Helpers for the end-to-end tests; sourced by tests/e2e/*.sh.
#
# A test script does, roughly:
#   . "$(dirname "$0")/lib.sh"
#   e2e_start_apiary                    # all-in-one on a free port, data in $E2E_DATA
#   . "$E2E_DATA/openrc"
#   run openstack token issue           # prints the command, counts pass/fail;
#                                       # stdout in $OUT, stderr in $ERR
#   expect_contains "$OUT" expires "token has an expiry"
#   e2e_stop_apiary                     # SIGTERM, must exit cleanly within 20 s
#   e2e_finish                          # "<name>: N passed, M failed", exit status
#
# No `set -e`: a failed step is counted and the script goes on, so that one
# run reports every broken step, not just the first.
set -uo pipefail

E2E_NAME=$(basename "$0" .sh)
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_PASSED=0
E2E_FAILED=0
E2E_FAILURES=()
APIARY_PID=""
OUT=""
ERR=""

# Debian's python tools must run with Debian's python3: a pyenv (or venv)
# python3 earlier on PATH lacks the openstackclient modules.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH
OPENSTACK=/usr/bin/openstack
PYTHON=/usr/bin/python3
# Per-command limit, so that a hung request fails one step, not the whole run.
E2E_CMD_TIMEOUT=${E2E_CMD_TIMEOUT:-90}

# Settings inherited from the caller's shell must not leak into the tests.
for v in $(compgen -e | grep '^OS_' || true); do unset "$v"; done

# The real CLI, always the Debian one. A function, so `run openstack ...` reads well.
openstack() { timeout "$E2E_CMD_TIMEOUT" "$OPENSTACK" "$@"; }

# Scratch dir for this script, removed on exit (E2E_KEEP=1 keeps it).
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/apiary-e2e-$E2E_NAME.XXXXXX")
E2E_DATA=$E2E_TMP/data
E2E_LOG=$E2E_TMP/apiary.log

e2e_cleanup() {
    if [ -n "$APIARY_PID" ] && kill -0 "$APIARY_PID" 2>/dev/null; then
        kill -TERM "$APIARY_PID" 2>/dev/null
        sleep 2
        kill -KILL "$APIARY_PID" 2>/dev/null || true
    fi
    if [ "${E2E_KEEP:-0}" = 1 ]; then echo "kept $E2E_TMP"; else rm -rf "$E2E_TMP"; fi
}
trap e2e_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------
pass() { E2E_PASSED=$((E2E_PASSED + 1)); echo "  ok: $1"; }
fail() {
    E2E_FAILED=$((E2E_FAILED + 1))
    E2E_FAILURES+=("$1")
    echo "  FAIL: $1"
}

# Print every line of $1 indented, so step output stands apart from commands.
indent() { [ -n "$1" ] && printf '%s\n' "$1" | sed 's/^/    | /'; return 0; }
indent_err() { [ -n "$1" ] && printf '%s\n' "$1" | sed 's/^/    ! /'; return 0; }

# run CMD...: print and run a step; it passes if it exits 0. Its stdout is
# left in $OUT and its stderr in $ERR (both printed) for the checks that follow.
run() {
    echo "\$ $*"
    local rc=0
    OUT=$("$@" 2>"$E2E_TMP/stderr") || rc=$?
    ERR=$(cat "$E2E_TMP/stderr")
    indent "$OUT"
    indent_err "$ERR"
    if [ $rc = 0 ]; then pass "$*"; else fail "$* (exit $rc)"; server_log_for "$OUT$ERR"; fi
    return $rc
}

# server_log_for TEXT: print the server's log lines for the request ids in TEXT,
# so that a failed step shows the server's side of the story next to it.
server_log_for() {
    local id
    [ -f "$E2E_LOG" ] || return 0
    for id in $(printf '%s' "$1" | grep -o 'req-[0-9a-f-]\{36\}' | sort -u); do
        grep -F -A 15 -- "$id" "$E2E_LOG" | head -n 20 | sed 's/^/    log: /'
    done
    return 0
}

# run_fails CMD...: like run, but the step must fail (non-zero exit).
run_fails() {
    echo "\$ $*   # must fail"
    local rc=0
    OUT=$("$@" 2>"$E2E_TMP/stderr") || rc=$?
    ERR=$(cat "$E2E_TMP/stderr")
    indent "$OUT"
    indent_err "$ERR"
    if [ $rc != 0 ]; then pass "fails as expected: $*"; else fail "should have failed: $*"; fi
}

# expect_contains TEXT NEEDLE [DESCRIPTION]: fixed-string match.
# Plain substring tests, no pipe: with pipefail, `printf | grep -q` fails at random when grep
# exits before printf has written everything (SIGPIPE) on long output.
expect_contains() {
    if [[ $1 == *"$2"* ]]; then pass "${3:-output contains '$2'}"
    else fail "${3:-output contains '$2'}: '$2' not found"; fi
}

expect_not_contains() {
    if [[ $1 == *"$2"* ]]; then fail "${3:-output lacks '$2'}: '$2' found"
    else pass "${3:-output lacks '$2'}"; fi
}

# expect_eq ACTUAL EXPECTED [DESCRIPTION]
expect_eq() {
    if [ "$1" = "$2" ]; then pass "${3:-'$1' = '$2'}"
    else fail "${3:-value check}: expected '$2', got '$1'"; fi
}

# e2e_finish: print the summary line and exit with the right status.
e2e_finish() {
    echo
    if [ ${#E2E_FAILURES[@]} -gt 0 ]; then
        echo "failed steps:"
        printf '  - %s\n' "${E2E_FAILURES[@]}"
    fi
    echo "$E2E_NAME: $E2E_PASSED passed, $E2E_FAILED failed"
    [ "$E2E_FAILED" = 0 ] && [ "$E2E_PASSED" -gt 0 ]
    exit $?
}

# e2e_abort MESSAGE: a step the rest depends on failed; stop here.
e2e_abort() {
    fail "$1"
    [ -f "$E2E_LOG" ] && { echo "--- last 60 lines of $E2E_LOG ---"; tail -n 60 "$E2E_LOG"; }
    e2e_finish
}

# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------

# free_port: print a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    if [ -x "$PYTHON" ]; then
        # Port 0 lets the kernel choose; there is a small race until apiary binds it.
        "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    else
        local p=$((20000 + RANDOM % 20000))
        while [ -n "$(ss -Hltn "sport = :$p")" ]; do p=$((p + 1)); done
        echo "$p"
    fi
}

# e2e_start_apiary [EXTRA ARGS...]: start `bin/apiary all-in-one` in the
# background with its data in $E2E_DATA and its log in $E2E_LOG; sets
# E2E_PORT, E2E_AUTH_URL and APIARY_PID. Aborts the test if it does not answer.
e2e_start_apiary() {
    local timeout=${E2E_START_TIMEOUT:-120} t
    E2E_PORT=$(free_port)
    E2E_AUTH_URL=http://127.0.0.1:$E2E_PORT/v3
    # Build first (if needed), outside the start-up timeout: a first build can
    # take minutes while Maven downloads.
    echo "\$ APIARY_BUILD_ONLY=1 bin/apiary"
    APIARY_BUILD_ONLY=1 "$E2E_ROOT/bin/apiary" || e2e_abort "building apiary"
    mkdir -p "$E2E_DATA"
    # Every API but Keystone on a port the kernel picks, so parallel or leftover clouds on the
    # default ports (9292, 8778, ...) cannot collide with this one; clients find them in the catalog.
    if [ ! -e "$E2E_DATA/apiary.conf" ]; then
        printf '[image]\nport = 0\n\n[placement]\nport = 0\n\n[network]\nport = 0\n\n[compute]\nport = 0\n' >"$E2E_DATA/apiary.conf"
    fi
    echo "\$ bin/apiary all-in-one --data-dir $E2E_DATA --identity-port $E2E_PORT $*  (log: $E2E_LOG)"
    # bin/apiary execs java, so $! is the JVM itself and gets our signals.
    APIARY_NO_BUILD=1 "$E2E_ROOT/bin/apiary" all-in-one --data-dir "$E2E_DATA" \
        --identity-port "$E2E_PORT" "$@" >"$E2E_LOG" 2>&1 &
    APIARY_PID=$!
    # Ready means: Keystone answers and the openrc for clients has been written
    # (all-in-one may write it just after it starts listening).
    local answered=""
    for ((t = 0; t < timeout * 2; t++)); do
        if [ -z "$answered" ] && curl -sf -m 5 -o /dev/null "$E2E_AUTH_URL"; then
            answered=$t
        fi
        if [ -n "$answered" ] && [ -f "$E2E_DATA/openrc" ]; then
            [ "$t" -gt "$answered" ] && echo "  note: openrc appeared ~$(((t - answered) / 2)) s after $E2E_AUTH_URL answered"
            pass "all-in-one answers on $E2E_AUTH_URL after ~$((t / 2)) s"
            return 0
        fi
        if ! kill -0 "$APIARY_PID" 2>/dev/null; then
            wait "$APIARY_PID"
            e2e_abort "all-in-one exited (status $?) before answering on $E2E_AUTH_URL"
        fi
        sleep 0.5
    done
    [ -n "$answered" ] && e2e_abort "all-in-one answered but wrote no $E2E_DATA/openrc within $timeout s"
    e2e_abort "all-in-one did not answer on $E2E_AUTH_URL within $timeout s"
}

# e2e_stop_apiary: SIGTERM; the server must exit within 20 s with status 0
# (or 143, the JVM's usual status after SIGTERM).
e2e_stop_apiary() {
    local pid=$APIARY_PID rc t
    [ -n "$pid" ] || return 0
    echo "\$ kill -TERM $pid   # apiary all-in-one"
    kill -TERM "$pid" 2>/dev/null
    for ((t = 0; t < 40; t++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        fail "all-in-one still running 20 s after SIGTERM (killed)"
        echo "--- last 30 lines of $E2E_LOG ---"; tail -n 30 "$E2E_LOG"
    else
        wait "$pid"; rc=$?
        if [ $rc = 0 ] || [ $rc = 143 ]; then
            pass "all-in-one stopped on SIGTERM (exit $rc) after ~$((t / 2)) s"
        else
            fail "all-in-one exit status after SIGTERM: $rc"
            echo "--- last 30 lines of $E2E_LOG ---"; tail -n 30 "$E2E_LOG"
        fi
    fi
    APIARY_PID=""
}

# ---------------------------------------------------------------------------
# Client environments
# ---------------------------------------------------------------------------

# without_os_env CMD...: run CMD with no OS_* variables (e.g. the admin's, from
# openrc), so that only its command-line options say who it authenticates as.
without_os_env() (
    for v in $(compgen -e | grep '^OS_' || true); do unset "$v"; done
    "$@"
)

# with_clouds_yaml FILE CMD...: run CMD with only FILE as its clouds.yaml (env
# OS_* variables would override the cloud's settings, so they are removed).
with_clouds_yaml() (
    for v in $(compgen -e | grep '^OS_' || true); do unset "$v"; done
    export OS_CLIENT_CONFIG_FILE=$1
    shift
    "$@"
)

# json_field FIELD: read a JSON object on stdin and print one top-level field.
json_field() {
    "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}
