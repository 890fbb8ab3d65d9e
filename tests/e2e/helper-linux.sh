#!/usr/bin/env bash
# The privileged helper for real on Linux: `bin/apiary helper` runs as root and accepts only the
# user "nobody"; every host change below is asked for by `nobody` through the socket
# (HelperCli under runuser). Creates and removes a bridge, a tap, a namespace with a veth pair
# and an address, and starts and stops dnsmasq inside it. Only random apb-/apt-/apv- names
# and an apiary-<uuid> namespace are touched. Skips (exit 0) unless root with ip, runuser and
# dnsmasq (Debian: dnsmasq-base).
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
chmod 755 "$E2E_TMP"
SOCK=$E2E_TMP/run/helper.sock
cat > "$E2E_TMP/apiary.conf" <<CONF
[helper]
socket_path = $SOCK
socket_group = nogroup
agent_user = nobody
allow_root = false
state_dir = $E2E_TMP/state
CONF

helper_cleanup() {
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
e2e_stop_apiary
e2e_finish
