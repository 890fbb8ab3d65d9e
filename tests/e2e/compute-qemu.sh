#!/usr/bin/env bash
# End to end with a REAL guest (issue 8): the real `openstack` CLI against `apiary all-in-one`
# with `[compute] driver = qemu`, as root (the privileged helper runs QEMU, the network agent the
# bridge, tap and dnsmasq). The project's own test guest (tests/guest/build-image.sh) is uploaded;
# `server create --wait` must reach ACTIVE, the guest's serial log must show that it read the
# config drive and got the port's address by DHCP from the network's dnsmasq, it must answer ping
# from the DHCP namespace; hard reboot and stop/start work; the serial console answers through the
# authenticated console proxy; resize (confirmed) and rebuild give the guest its new size and a fresh
# disk; createImage uploads a snapshot a second server boots from; `server delete --wait` leaves no
# QEMU process, tap, disk or allocation. KVM when /dev/kvm exists, else TCG (slower: minutes).
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -x /usr/bin/qemu-system-x86_64 ]; then
    echo "SKIP: needs root and /usr/bin/qemu-system-x86_64 (the QEMU driver runs guests through the helper)"
    exit 0
fi
BOOT_TIMEOUT=${E2E_BOOT_TIMEOUT:-300}

# --- the test guest -------------------------------------------------------------------------
GUEST_DIR=${APIARY_GUEST_CACHE:-/var/cache/apiary-test-guest}
echo "\$ tests/guest/build-image.sh $GUEST_DIR"
"$E2E_ROOT/tests/guest/build-image.sh" "$GUEST_DIR" >"$E2E_TMP/build-image.log" 2>&1 \
    || { tail -n 30 "$E2E_TMP/build-image.log"; e2e_abort "building the test guest"; }
pass "test guest image built ($(du -h "$GUEST_DIR/apiary-test-guest.qcow2" | cut -f1))"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
mkdir -p "$E2E_DATA"
printf '[image]\nport = 0\n\n[placement]\nport = 0\n\n[network]\nport = 0\n\n[compute]\nport = 0\ndriver = qemu\n\n[serial_console]\nserialproxy_port = 0\n' \
    >"$E2E_DATA/apiary.conf"
e2e_start_apiary
# shellcheck disable=SC1091
. "$E2E_DATA/openrc"
for ((t = 0; t < 40; t++)); do grep -q "compute agent" "$E2E_LOG" && break; sleep 0.5; done
expect_contains "$(cat "$E2E_LOG")" "driver QEMU" "the all-in-one runs the QEMU driver"

# console NAME PATTERN SECONDS: wait until the server's console log has a line matching PATTERN
console() {
    local t
    for ((t = 0; t < $3; t += 2)); do
        openstack console log show "$1" >"$E2E_TMP/console" 2>/dev/null
        if grep -qE "$2" "$E2E_TMP/console"; then pass "console of $1 shows /$2/ (~${t}s)"; return 0; fi
        sleep 2
    done
    fail "console of $1 never showed /$2/ within $3 s"; tail -n 20 "$E2E_TMP/console" | indent "$(cat)"
    return 1
}

# status NAME: the server's status; wait_status NAME STATUS SECONDS
status() { openstack server show "$1" -f value -c status 2>/dev/null; }
wait_status() {
    local t
    for ((t = 0; t < $3; t++)); do
        [ "$(status "$1")" = "$2" ] && { pass "$1 is $2 (~${t}s)"; return 0; }
        sleep 1
    done
    fail "$1 did not become $2 within $3 s (now: $(status "$1"))"
}

# --- image, network, flavor, keypair ------------------------------------------------------------
run openstack image create --disk-format qcow2 --container-format bare \
    --file "$GUEST_DIR/apiary-test-guest.qcow2" e2e-guest -f value -c id
run openstack network create e2e-qnet -f value -c id
NET=$OUT
run openstack subnet create --network e2e-qnet --subnet-range 10.88.0.0/24 e2e-qsubnet
run openstack flavor create --ram 256 --vcpus 1 --disk 1 e2e.guest
ssh-keygen -q -t ed25519 -N "" -C e2e -f "$E2E_TMP/id_q"
run openstack keypair create --public-key "$E2E_TMP/id_q.pub" e2e-qkey

# --- boot -----------------------------------------------------------------------------------------
started=$(date +%s)
run timeout "$BOOT_TIMEOUT" openstack server create --flavor e2e.guest --image e2e-guest --network e2e-qnet \
    --key-name e2e-qkey --wait e2e-qvm -f json
expect_eq "$(printf '%s' "$OUT" | json_field status)" ACTIVE "server create --wait reaches ACTIVE"
active=$(date +%s)
UUID=$(openstack server show e2e-qvm -f value -c id)
run openstack port list --server e2e-qvm -f value -c id -c "Fixed IP Addresses"
PORT=$(printf '%s' "$OUT" | awk '{print $1}')
IP=$(printf '%s' "$OUT" | grep -oE "10\.88\.0\.[0-9]+" | head -n1)
[ -n "$IP" ] && pass "the port has $IP" || fail "no address on the port"
pgrep -f "qemu-system-x86_64.*$UUID" >/dev/null && pass "a QEMU process runs the guest" || fail "no QEMU process for $UUID"
console e2e-qvm "APIARY-GUEST config-drive uuid=$UUID" "$BOOT_TIMEOUT"
console e2e-qvm "APIARY-GUEST dhcp ip=$IP " "$BOOT_TIMEOUT"
leased=$(date +%s)
echo "  timing: create → ACTIVE $((active - started)) s, create → DHCP lease on the console $((leased - started)) s"
NS="apiary-$NET"
PING=(ping)
command -v ping >/dev/null || PING=(busybox ping)
for ((t = 0; t < 30; t++)); do ip netns exec "$NS" "${PING[@]}" -c 1 -W 1 "$IP" >/dev/null 2>&1 && break; sleep 1; done
run ip netns exec "$NS" "${PING[@]}" -c 2 -W 2 "$IP"

# --- actions -------------------------------------------------------------------------------------------
run timeout "$BOOT_TIMEOUT" openstack server reboot --hard --wait e2e-qvm
boots=0
for ((t = 0; t < BOOT_TIMEOUT; t += 2)); do
    boots=$(openstack console log show e2e-qvm 2>/dev/null | grep -c "APIARY-GUEST boot")
    [ "$boots" -ge 2 ] && break
    sleep 2
done
[ "$boots" -ge 2 ] && pass "the guest booted again after the hard reboot" || fail "no second boot on the console after reboot --hard"
run openstack server stop e2e-qvm
wait_status e2e-qvm SHUTOFF "$BOOT_TIMEOUT"
pgrep -f "qemu-system-x86_64.*$UUID" >/dev/null && fail "QEMU still runs after stop" || pass "no QEMU process while SHUTOFF"
run openstack server start e2e-qvm
wait_status e2e-qvm ACTIVE "$BOOT_TIMEOUT"
# The console log is kept across restarts: a third boot, and a third lease, must follow.
for ((t = 0; t < BOOT_TIMEOUT; t += 2)); do
    leases=$(openstack console log show e2e-qvm 2>/dev/null | grep -c "APIARY-GUEST dhcp ip=$IP ")
    [ "$leases" -ge 3 ] && break
    sleep 2
done
[ "$leases" -ge 3 ] && pass "after start the guest booted and got its address again" \
    || fail "no third DHCP lease on the console after start (saw $leases)"

# --- remote console: the guest's serial port through the agent's authenticated proxy -------------------
run openstack console url show --serial e2e-qvm -f value -c url
URL=$OUT
expect_contains "$URL" "token=" "the serial console URL carries a token"
# The guest runs a shell on its serial port: what is typed through the proxy is executed there.
run /usr/bin/python3 "$E2E_ROOT/tests/e2e/serial-console.py" "$URL" 'echo $((6*7))-via-proxy' "42-via-proxy" 60
/usr/bin/python3 "$E2E_ROOT/tests/e2e/serial-console.py" "${URL%%token=*}token=not-a-token" 'echo x' x 5 >/dev/null 2>&1
expect_eq "$?" 2 "the proxy refuses a connection with a wrong token"

# count NAME PATTERN: how many console lines match PATTERN
count() { openstack console log show "$1" 2>/dev/null | grep -cE "$2"; }
# wait_count NAME PATTERN N: until at least N console lines match PATTERN
wait_count() {
    local t n=0
    for ((t = 0; t < BOOT_TIMEOUT; t += 2)); do
        n=$(count "$1" "$2")
        [ "$n" -ge "$3" ] && { pass "console of $1: $3 line(s) /$2/ (~${t}s)"; return 0; }
        sleep 2
    done
    fail "console of $1 showed /$2/ $n time(s), not $3, within $BOOT_TIMEOUT s"
}

# --- resize: 2 vCPUs and a 2 GiB root disk; the guest sees them; confirm keeps them -----------------
run openstack flavor create --ram 320 --vcpus 2 --disk 2 e2e.guest2
GROWN="APIARY-GUEST hardware cpus=2 .*vda_bytes=2147483648"
run timeout "$BOOT_TIMEOUT" openstack server resize --flavor e2e.guest2 --wait e2e-qvm
expect_eq "$(status e2e-qvm)" VERIFY_RESIZE "resize --wait ends in VERIFY_RESIZE"
pgrep -af "qemu-system-x86_64.*$UUID" | grep -q -- "-smp 2" && pass "QEMU runs the guest with 2 vCPUs" \
    || fail "the resized guest's QEMU does not have -smp 2"
wait_count e2e-qvm "$GROWN" 1
run openstack server resize confirm e2e-qvm
wait_status e2e-qvm ACTIVE 60
run openstack server show e2e-qvm -f value -c flavor
expect_contains "$OUT" "e2e.guest2" "the server has the new flavor"

# --- rebuild: a fresh root disk from the image, grown to the flavor; the guest boots from it ------------
run timeout "$BOOT_TIMEOUT" openstack server rebuild --image e2e-guest --wait e2e-qvm
wait_count e2e-qvm "$GROWN" 2
wait_count e2e-qvm "APIARY-GUEST dhcp ip=$IP " 5

# --- snapshot: createImage uploads the guest's disk to the image service; a server boots from it --------
run timeout "$BOOT_TIMEOUT" openstack server image create --name e2e-snap --wait e2e-qvm -f value -c id
SNAP=$(printf '%s' "$OUT" | grep -oE '[0-9a-f]{8}-[0-9a-f-]{27}' | tail -n1) # --wait prints progress first
run openstack image show "$SNAP" -f json
expect_eq "$(printf '%s' "$OUT" | json_field status)" active "the snapshot image is active"
expect_eq "$(printf '%s' "$OUT" | json_field disk_format)" qcow2 "the snapshot is a qcow2 image"
expect_contains "$OUT" "$UUID" "the snapshot names its server (instance_uuid)"
size=$(printf '%s' "$OUT" | json_field size)
[ "${size:-0}" -gt 1000000 ] && pass "the snapshot holds the guest's disk ($size bytes)" || fail "snapshot size $size"
expect_eq "$(status e2e-qvm)" ACTIVE "the server is ACTIVE again after the snapshot"
run timeout "$BOOT_TIMEOUT" openstack server create --flavor e2e.guest2 --image e2e-snap --network e2e-qnet \
    --wait e2e-qsnap -f json
expect_eq "$(printf '%s' "$OUT" | json_field status)" ACTIVE "a server from the snapshot reaches ACTIVE"
UUID2=$(openstack server show e2e-qsnap -f value -c id)
console e2e-qsnap "APIARY-GUEST config-drive uuid=$UUID2" "$BOOT_TIMEOUT"
run timeout "$BOOT_TIMEOUT" openstack server delete --wait e2e-qsnap

# --- delete ----------------------------------------------------------------------------------------------
run timeout "$BOOT_TIMEOUT" openstack server delete --wait e2e-qvm
sleep 2
pgrep -f "qemu-system-x86_64.*$UUID" >/dev/null && fail "QEMU process left after delete" || pass "no QEMU process left"
pgrep -f "qemu-system-x86_64.*$UUID2" >/dev/null && fail "QEMU process of the snapshot's server left" \
    || pass "no QEMU process of the snapshot's server left"
TAP="apt-$(printf '%s' "$PORT" | tr -d - | cut -c1-11)"
for ((t = 0; t < 20; t++)); do ip link show "$TAP" >/dev/null 2>&1 || break; sleep 0.5; done
ip link show "$TAP" >/dev/null 2>&1 && fail "tap $TAP left" || pass "tap $TAP removed"
left=$(find "$E2E_DATA/disks" -path "*$UUID*" 2>/dev/null; find "$E2E_DATA/disks" -path "*$UUID2*" 2>/dev/null)
expect_eq "$left" "" "no disk or directory of either guest left under the disk root"
run openstack image delete "$SNAP"
run openstack resource provider list -f value -c uuid
run openstack resource provider usage show "$OUT" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 0" "no allocation left"
run openstack network delete e2e-qnet
for ((t = 0; t < 40; t++)); do pgrep -f "dhcp-range=set:subnet-.*10\\.88\\.0\\.0" >/dev/null || break; sleep 0.5; done
e2e_stop_apiary
e2e_finish
