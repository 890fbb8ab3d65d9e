#!/usr/bin/env bash
# Managed DHCP for real on Linux: the all-in-one (as root) starts the helper and the network
# agent; with the real `openstack` CLI we create a network, a subnet and a port, then a "guest"
# (a namespace of this test's own, whose veth is on the network's bridge and carries the port's
# MAC) asks for a lease with busybox udhcpc and must get exactly the port's fixed IP, the gateway
# and the MTU. Deleting the port must stop that lease; deleting the network must remove the
# bridge, the DHCP namespace and dnsmasq. Skips (exit 0) unless root with ip, dnsmasq, busybox.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/ip ] || [ ! -x /usr/sbin/dnsmasq ] || ! command -v busybox >/dev/null; then
    echo "$E2E_NAME: skipped (needs root, ip, dnsmasq, busybox)"; exit 0
fi

SFX=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
GNS=e2e-guest-$SFX          # the guest's namespace: ours, not the agent's
GOUT=e2eg$SFX GIN=e2ei$SFX  # its veth pair: GOUT on the network's bridge, GIN inside the guest
NET_ID="" BR="" DHCP_NS="" HELPER_STATE="" TAP=""
LEASE_SCRIPT=$E2E_TMP/udhcpc-script

network_cleanup() {
    ip netns delete "$GNS" 2>/dev/null
    ip link del dev "$GOUT" 2>/dev/null
    [ -n "$TAP" ] && ip link del dev "$TAP" 2>/dev/null
    # Stop the all-in-one first (its agent and helper); then remove what it may have left.
    e2e_stop_apiary >/dev/null 2>&1
    if [ -n "$NET_ID" ]; then
        local pidfile=$HELPER_STATE/dhcp-$NET_ID/pid
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
        ip netns delete "$DHCP_NS" 2>/dev/null
        ip link del dev "$BR" 2>/dev/null
    fi
    case "$HELPER_STATE" in /var/lib/apiary/all-in-one-*) rm -rf "$HELPER_STATE" ;; esac
    e2e_cleanup
}
trap network_cleanup EXIT

# udhcpc calls this with the lease in its environment; it only prints, it configures nothing.
cat > "$LEASE_SCRIPT" <<'SCRIPT'
#!/bin/sh
[ "$1" = bound ] && echo "LEASE ip=$ip router=$router mtu=$mtu subnet=$subnet"
exit 0
SCRIPT
chmod 755 "$LEASE_SCRIPT"

# dhcp_request: one DHCP exchange from the guest; prints the LEASE line, fails without a lease.
dhcp_request() {
    ip netns exec "$GNS" busybox udhcpc -i "$GIN" -f -q -n -t 4 -T 2 -A 1 -O mtu -s "$LEASE_SCRIPT" 2>&1
}

# dnsmasq_running: a dnsmasq whose command line names this network's pid file (pgrep -a lists
# only dnsmasq processes, so the check never matches itself).
dnsmasq_running() { pgrep -a -x dnsmasq | grep -q -- "dhcp-$NET_ID/pid"; }
not() { ! "$@"; }

# wait_until SECONDS DESCRIPTION CMD...: poll CMD every half second.
wait_until() {
    local secs=$1 what=$2 t
    shift 2
    for ((t = 0; t < secs * 2; t++)); do
        if "$@" >/dev/null 2>&1; then pass "$what (~$((t / 2)) s)"; return 0; fi
        sleep 0.5
    done
    fail "$what: not within $secs s"
    return 1
}

# Every API on a port the kernel picks (Keystone's is chosen by e2e_start_apiary). The helper
# keeps its DHCP files in its default place for an all-in-one, /var/lib/apiary/all-in-one-<id>,
# outside the 0700 data directory, so that dnsmasq (running as nobody) can re-read them.
mkdir -p "$E2E_DATA"
printf '[image]\nport = 0\n\n[placement]\nport = 0\n\n[network]\nport = 0\n\n[compute]\nport = 0\n' >"$E2E_DATA/apiary.conf"
# With a broker at hand, controller and agent talk over RabbitMQ instead of the in-process bus.
if [ -n "${APIARY_TEST_RABBIT_URL:-}" ]; then
    printf '\n[DEFAULT]\ntransport_url = %s\ncontrol_exchange = apiary-e2e-%s\n' "$APIARY_TEST_RABBIT_URL" "$SFX" \
        >>"$E2E_DATA/apiary.conf"
    echo "  (bus: RabbitMQ at $APIARY_TEST_RABBIT_URL)"
fi
e2e_start_apiary
. "$E2E_DATA/openrc"
HELPER_STATE=$(sed -n 's/^state_dir = //p' "$E2E_DATA/helper-run/helper.conf")
case "$HELPER_STATE" in
/var/lib/apiary/all-in-one-*) pass "the helper keeps its state in $HELPER_STATE, outside the data directory" ;;
*) fail "unexpected helper state directory '$HELPER_STATE'" ;;
esac
# The helper and the agent start after the APIs answer; the all-in-one says which way it went.
for ((t = 0; t < 180; t++)); do
    grep -qi "network agent" "$E2E_LOG" && break
    sleep 0.5
done
if ! grep -q "  network agent" "$E2E_LOG"; then
    e2e_abort "the all-in-one started no network agent (is the helper available? see its log)"
fi
pass "the all-in-one started its network agent"

run openstack network create "e2e-net-$SFX" -f value -c id || e2e_abort "network create"
NET_ID=$OUT
HEX=${NET_ID//-/}
BR=apb-${HEX:0:11}
DHCP_NS=apiary-$NET_ID
run openstack subnet create "e2e-sub-$SFX" --network "$NET_ID" --subnet-range 10.77.0.0/24 \
    --gateway 10.77.0.1 -f value -c id || e2e_abort "subnet create"
run openstack network show "$NET_ID" -f value -c mtu
MTU=$OUT
run openstack port create "e2e-port-$SFX" --network "$NET_ID" -f json || e2e_abort "port create"
PORT_JSON=$OUT
PORT_ID=$(printf '%s' "$PORT_JSON" | json_field id)
MAC=$(printf '%s' "$PORT_JSON" | json_field mac_address)
PORT_IP=$(printf '%s' "$PORT_JSON" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["fixed_ips"][0]["ip_address"])')
echo "  port $PORT_ID: mac $MAC ip $PORT_IP, network mtu $MTU, bridge $BR"

wait_until 60 "bridge $BR exists" ip link show dev "$BR"
wait_until 60 "DHCP namespace $DHCP_NS exists" sh -c "ip netns list | grep -qw '$DHCP_NS'"
wait_until 60 "dnsmasq serves the network" dnsmasq_running
wait_until 30 "the port's lease is in dnsmasq's hosts file" grep -qi "$MAC" "$HELPER_STATE/dhcp-$NET_ID/host"

# The guest: our own namespace, a veth whose outer end is on the network's bridge.
run ip netns add "$GNS"
run ip link add "$GOUT" type veth peer name "$GIN"
run ip link set "$GIN" netns "$GNS"
run ip -n "$GNS" link set "$GIN" address "$MAC" up
run ip link set "$GOUT" master "$BR" up

echo "\$ ip netns exec $GNS busybox udhcpc -i $GIN ...   # the guest asks for its lease"
LEASE=$(dhcp_request)
indent "$LEASE"
expect_contains "$LEASE" "LEASE ip=$PORT_IP " "the guest got exactly the port's fixed IP $PORT_IP"
expect_contains "$LEASE" "router=10.77.0.1 " "the guest got the gateway 10.77.0.1"
expect_contains "$LEASE" "mtu=$MTU " "the guest got the network's MTU $MTU"
expect_contains "$LEASE" "subnet=255.255.255.0" "the guest got the subnet mask"

# A port bound to this host by compute gets its tap on the network's bridge (for the guest to use).
run openstack network agent list --agent-type dhcp -f value -c Host
AGENT_HOST=$OUT
run openstack port create "e2e-vmport-$SFX" --network "$NET_ID" --host "$AGENT_HOST" \
    --device-owner compute:nova --device "$(cat /proc/sys/kernel/random/uuid)" -f value -c id ||
    e2e_abort "bound port create"
VM_PORT=$OUT
VM_HEX=${VM_PORT//-/}
TAP=apt-${VM_HEX:0:11}
wait_until 60 "the bound port's tap $TAP is on bridge $BR" sh -c "ip -o link show dev '$TAP' | grep -q 'master $BR'"
run openstack port delete "$VM_PORT"
wait_until 60 "the tap $TAP is gone with its port" sh -c "! ip link show dev '$TAP' >/dev/null 2>&1"

run openstack port delete "$PORT_ID"
wait_until 30 "dnsmasq's hosts file drops the deleted port" sh -c "! grep -qi '$MAC' '$HELPER_STATE/dhcp-$NET_ID/host'"
sleep 1   # the SIGHUP follows the file rewrite within the same helper call; give dnsmasq a moment
echo "\$ ip netns exec $GNS busybox udhcpc -i $GIN ...   # must get no lease now"
if NOLEASE=$(dhcp_request); then
    indent "$NOLEASE"
    fail "the deleted port's MAC still gets a lease"
else
    indent "$NOLEASE"
    expect_not_contains "$NOLEASE" "LEASE ip=" "no lease for the deleted port"
fi

ip link del dev "$GOUT" 2>/dev/null
ip netns delete "$GNS" 2>/dev/null
run openstack subnet delete "e2e-sub-$SFX"
run openstack network delete "$NET_ID"
wait_until 60 "bridge $BR is gone" sh -c "! ip link show dev '$BR'"
wait_until 60 "DHCP namespace $DHCP_NS is gone" sh -c "! ip netns list | grep -qw '$DHCP_NS'"
wait_until 60 "dnsmasq of the network is gone" not dnsmasq_running

run openstack network agent list -f value -c "Agent Type" -c Host -c Alive
expect_contains "$OUT" "DHCP agent" "openstack network agent list shows the DHCP agent"

e2e_stop_apiary
e2e_finish
