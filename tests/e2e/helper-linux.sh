#!/usr/bin/env bash
# The privileged helper for real on Linux: `bin/apiary helper` runs as root and accepts only the
# user "nobody"; every host change below is asked for by `nobody` through the socket
# (HelperCli under runuser). Creates and removes a bridge, a tap, a namespace with a veth pair
# and an address, and starts and stops dnsmasq inside it. Then the guest and disk scenario, also
# only through the socket: qemu-img disks under the disk root (qcow2 -> raw -> grown; a shrink and
# a path outside the root refused), a tiny QEMU guest (empty raw disk, no OS: it stays in its
# firmware) on a tagged tap, its status, listing and console, reset, power-off and destroy, and
# nothing of it left afterwards. Only random apb-/apt-/apv- names, an apiary-<uuid> namespace and
# QEMU processes named by a fresh uuid are touched. Skips (exit 0) unless root with ip, runuser and
# dnsmasq (Debian: dnsmasq-base); the guest part skips without qemu-system-x86_64 and qemu-img.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/ip ] || [ ! -x /usr/sbin/runuser ] || [ ! -x /usr/sbin/dnsmasq ]; then
    echo "$E2E_NAME: skipped (needs root, ip, runuser, dnsmasq)"; exit 0
fi
APIARY_BUILD_ONLY=1 "$E2E_ROOT/bin/apiary" >/dev/null || { echo "build failed"; exit 1; }
JAVA=$(. "$E2E_ROOT/bin/lib-jdk.sh"; apiary_find_jdk)/bin/java

SFX=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
BR=apb-e2e$SFX TAP=apt-e2e$SFX OUTS=apv-o$SFX INS=apv-i$SFX
NET=$(cat /proc/sys/kernel/random/uuid) PORT=$(cat /proc/sys/kernel/random/uuid) SUBNET=$(cat /proc/sys/kernel/random/uuid)
NS=apiary-$NET
GTAP=apt-g$SFX VM=$(cat /proc/sys/kernel/random/uuid) GPORT=$(cat /proc/sys/kernel/random/uuid)
chmod 755 "$E2E_TMP"
SOCK=$E2E_TMP/run/helper.sock
cat > "$E2E_TMP/apiary.conf" <<CONF
[helper]
socket_path = $SOCK
socket_group = nogroup
agent_user = nobody
allow_root = false
state_dir = $E2E_TMP/state
disk_root = $E2E_TMP/disks
guest_state_dir = $E2E_TMP/guests
CONF

helper_cleanup() {
    # QEMU outlives a killed helper: end our guest's processes (found by its fresh uuid) first.
    local q
    for q in $(pgrep -f -- "-uuid $VM"); do kill -KILL "$q" 2>/dev/null; done
    ip link del dev "$GTAP" 2>/dev/null
    ip link del dev "$TAP" 2>/dev/null; ip link del dev "$OUTS" 2>/dev/null; ip link del dev "$BR" 2>/dev/null
    ip netns delete "$NS" 2>/dev/null
    [ -f "$E2E_TMP/state/dhcp-$NET/pid" ] && kill "$(cat "$E2E_TMP/state/dhcp-$NET/pid")" 2>/dev/null
    e2e_cleanup
}
trap helper_cleanup EXIT

"$E2E_ROOT/bin/apiary" helper --config "$E2E_TMP/apiary.conf" >"$E2E_LOG" 2>&1 &
APIARY_PID=$!
for _ in $(seq 1 100); do [ -S "$SOCK" ] && break; sleep 0.1; done

# The agent side: the jar and its libs are world-readable in the work tree.
CP="$E2E_ROOT/server/target/apiary.jar:$E2E_ROOT/server/target/lib/*"
agent() { runuser -u nobody -- "$JAVA" -cp "$CP" org.apiary.privhelper.client.HelperCli "$SOCK" "$@"; }

run agent host_facts '{}'
expect_contains "$OUT" '"os":"linux"' "host facts"
run agent bridge_ensure "{\"name\":\"$BR\",\"owner\":\"$NET\"}"
run agent tap_create "{\"name\":\"$TAP\",\"owner\":\"$PORT\"}"
run agent bridge_add_member "{\"bridge\":\"$BR\",\"member\":\"$TAP\",\"owner\":\"$NET\"}"
run agent domain_ensure "{\"owner\":\"$NET\",\"outside\":\"$OUTS\",\"inside\":\"$INS\"}"
run agent bridge_add_member "{\"bridge\":\"$BR\",\"member\":\"$OUTS\",\"owner\":\"$NET\"}"
run agent domain_address_add "{\"owner\":\"$NET\",\"iface\":\"$INS\",\"address\":\"10.252.9.2/24\"}"
DHCP="{\"owner\":\"$NET\",\"iface\":\"$INS\",\"leaseSeconds\":600,\"subnets\":[{\"id\":\"$SUBNET\",\"cidr\":\"10.252.9.0/24\",\"gateway\":\"10.252.9.1\"}],\"hosts\":[{\"mac\":\"fa:16:3e:00:00:09\",\"ip\":\"10.252.9.10\"}]}"
run agent dhcp_start "$DHCP"
run ip -o link show dev "$TAP"
expect_contains "$OUT" "master $BR" "tap is a member of the bridge"
run ip netns exec "$NS" ip -o addr show dev "$INS"
expect_contains "$OUT" "10.252.9.2/24" "address inside the namespace"
sleep 1
PID=$(cat "$E2E_TMP/state/dhcp-$NET/pid" 2>/dev/null)
run test -n "$PID" -a -d "/proc/$PID"
run test "$(readlink "/proc/$PID/ns/net")" = "$(ip netns exec "$NS" readlink /proc/self/ns/net)"
run agent dhcp_stop "{\"owner\":\"$NET\"}"
run_fails test -d "/proc/$PID"
run_fails agent bridge_delete "{\"name\":\"$BR\",\"owner\":\"$PORT\"}"
expect_contains "$ERR" "not_ours" "foreign owner refused"
run_fails agent tap_delete "{\"name\":\"eth0\",\"owner\":\"$PORT\"}"
expect_contains "$ERR" "invalid_argument" "eth0 refused"
run_fails runuser -u daemon -g nogroup -- "$JAVA" -cp "$CP" org.apiary.privhelper.client.HelperCli "$SOCK" host_facts '{}'
expect_contains "$ERR" "forbidden_peer" "other uid refused"
run agent domain_delete "{\"owner\":\"$NET\"}"
run agent tap_delete "{\"name\":\"$TAP\",\"owner\":\"$PORT\"}"
run agent bridge_delete "{\"name\":\"$BR\",\"owner\":\"$NET\"}"
run_fails ip link show dev "$BR"
run_fails ip netns exec "$NS" true
expect_contains "$(cat "$E2E_LOG")" "op=bridge_ensure" "audit log line"

# json PATH: one value of the JSON reply in $OUT, e.g. `json .pid`.
json() { jq -r "$1" <<<"$OUT"; }
# as_user USER GROUP PYTHON_CODE ARG: what a process of that user may do with a file or socket.
as_user() { runuser -u "$1" -g "$2" -- "$PYTHON" -c "$3" "$4"; }
CONNECT='import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); print("connected")'

guest_disk_scenario() {
    local disks=$E2E_TMP/disks raw pid pid2 sock log
    echo "--- guest and disk scenario (guest $VM, tap $GTAP) ---"
    run agent disk_create '{"path":"img/base.qcow2","format":"qcow2","sizeBytes":67108864}'
    run qemu-img info -f qcow2 "$disks/img/base.qcow2"
    expect_contains "$OUT" "virtual size: 64 MiB" "a 64 MiB qcow2 disk under the disk root"
    run agent disk_convert "{\"source\":\"img/base.qcow2\",\"sourceFormat\":\"qcow2\",\"target\":\"$disks/$VM/disk0.raw\",\"targetFormat\":\"raw\"}"
    raw=$(json .path)
    expect_eq "$(stat -c %s "$raw" 2>&1)" 67108864 "converted to a 64 MiB raw file"
    run agent disk_resize "{\"path\":\"$VM/disk0.raw\",\"format\":\"raw\",\"sizeBytes\":134217728}"
    expect_eq "$(stat -c %s "$raw" 2>&1)" 134217728 "raw disk grown to 128 MiB"
    run_fails agent disk_resize "{\"path\":\"$VM/disk0.raw\",\"format\":\"raw\",\"sizeBytes\":67108864}"
    expect_contains "$ERR" "invalid_argument" "shrink refused"
    expect_eq "$(stat -c %s "$raw" 2>&1)" 134217728 "refused shrink left the disk as it was"
    run_fails agent disk_create '{"path":"/etc/apiary-e2e.raw","format":"raw","sizeBytes":1048576}'
    expect_contains "$ERR" "invalid_argument" "absolute path outside the disk root refused"
    run_fails agent disk_create '{"path":"img/../../escape.raw","format":"raw","sizeBytes":1048576}'
    expect_contains "$ERR" "invalid_argument" "traversal out of the disk root refused"
    run_fails test -e /etc/apiary-e2e.raw -o -e "$E2E_TMP/escape.raw"

    run agent tap_create "{\"name\":\"$GTAP\",\"owner\":\"$GPORT\"}"
    local spec="{\"name\":\"$VM\",\"vcpus\":1,\"memoryMb\":128,\"disks\":[{\"path\":\"$VM/disk0.raw\",\"format\":\"raw\"}],\"nics\":[{\"tap\":\"$GTAP\",\"mac\":\"fa:16:3e:e2:e0:01\"}]}"
    run agent guest_start "$spec" || { e2e_abort "guest_start"; }
    pid=$(json .pid)
    run xargs -0 -a "/proc/$pid/cmdline" echo
    expect_contains "$OUT" "-no-reboot -display none" "QEMU started with -no-reboot"
    expect_contains "$OUT" "ifname=$GTAP,script=no" "guest on the tagged tap"
    expect_contains "$OUT" "mac=fa:16:3e:e2:e0:01" "guest NIC has the MAC"
    expect_eq "$(ps -o ppid= -p "$pid" | tr -d ' ')" "$APIARY_PID" "QEMU is a child of the helper"
    run_fails agent guest_start "$spec"
    expect_contains "$ERR" "conflict" "second start of a running guest refused"
    run agent guest_status "{\"name\":\"$VM\"}"
    expect_eq "$(json .running)" true "guest_status: running"
    expect_eq "$(json .pid)" "$pid" "guest_status: the QEMU pid"
    run agent guest_list '{}'
    expect_eq "$(json ".guests[] | select(.name == \"$VM\") | .running")" true "guest_list lists it, running"

    run agent console_open "{\"name\":\"$VM\"}"
    sock=$(json .socket) log=$(json .log)
    expect_eq "$(stat -c '%a %U:%G' "$sock" 2>&1)" "660 root:nogroup" "console socket 0660, agent group"
    expect_eq "$(stat -c '%a %U:%G' "$log" 2>&1)" "640 root:nogroup" "console log 0640, agent group"
    run as_user nobody nogroup "$CONNECT" "$sock"
    expect_contains "$OUT" connected "the agent user opens the console socket"
    run as_user nobody nogroup 'import sys; open(sys.argv[1], "rb").read(); print("read")' "$log"
    expect_contains "$OUT" read "the agent user reads the console log"
    run_fails as_user daemon daemon "$CONNECT" "$sock"
    expect_contains "$ERR" "Permission denied" "a user outside the group cannot reach the console"

    run agent guest_reset "{\"name\":\"$VM\"}"
    expect_eq "$(json .running)/$(json .exitMeaning)" false/reboot "reset: QEMU (-no-reboot) exited, recorded as reboot"
    run_fails test -d "/proc/$pid"
    run agent guest_start "$spec"
    pid2=$(json .pid)
    run agent guest_poweroff "{\"name\":\"$VM\"}"
    expect_eq "$(json .running)/$(json .exitMeaning)/$(json .exitCode)" false/poweroff/137 "poweroff: SIGKILL, recorded as poweroff"
    run_fails test -d "/proc/$pid2"
    run agent guest_status "{\"name\":\"$VM\"}"
    expect_eq "$(json .running)/$(json .exitMeaning)" false/poweroff "guest_status after poweroff"
    run agent guest_destroy "{\"name\":\"$VM\"}"
    run_fails agent guest_status "{\"name\":\"$VM\"}"
    expect_contains "$ERR" "conflict" "destroyed guest is unknown"
    run agent disk_delete "{\"path\":\"$VM/disk0.raw\"}"
    run agent disk_delete '{"path":"img/base.qcow2"}'
    run agent tap_delete "{\"name\":\"$GTAP\",\"owner\":\"$GPORT\"}"

    # Nothing of the test left: no QEMU, no tap, no disk, no guest state.
    run agent list_tagged '{}'
    expect_eq "$(json '.guests | length')" 0 "list_tagged: no guest"
    expect_not_contains "$OUT" "$GTAP" "list_tagged: no guest tap"
    expect_eq "$(pgrep -f -- "-uuid $VM")" "" "no QEMU process of the guest"
    run_fails ip link show dev "$GTAP"
    expect_eq "$(find "$disks" -type f)" "" "no disk file left"
    expect_eq "$(ls -A "$E2E_TMP/guests")" "" "no guest state left"
    expect_contains "$(cat "$E2E_LOG")" "op=guest_start" "audit log line for guests"
}

if [ -x /usr/bin/qemu-system-x86_64 ] && [ -x /usr/bin/qemu-img ] && [ -x /usr/bin/jq ]; then
    guest_disk_scenario
else
    echo "guest and disk scenario skipped (needs qemu-system-x86_64, qemu-img, jq)"
fi
e2e_stop_apiary
e2e_finish
