#!/usr/bin/env bash
# End to end: servers with the real `openstack` CLI against `apiary all-in-one` and the fake
# hypervisor driver (issue 7): image, network + subnet, flavors, keypair; `server create --wait`,
# show/list, reboot hard and soft, stop/start, resize + confirm, resize + revert, console log,
# events, hypervisors and services; `server delete --wait` leaves no allocation and no port.
# As root the network agent also plugs a tap per server port: checked to come and go.
. "$(dirname "$0")/lib.sh"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
mkdir -p "$E2E_DATA"
printf '[image]\nport = 0\n\n[placement]\nport = 0\n\n[network]\nport = 0\n\n[compute]\nport = 0\ndriver = fake\nfake_vcpus = 4\nfake_memory_mb = 8192\nfake_disk_gb = 100\n' \
    >"$E2E_DATA/apiary.conf"
e2e_start_apiary

# shellcheck disable=SC1091
. "$E2E_DATA/openrc"

# status NAME: the server's status
status() { openstack server show "$1" -f value -c status 2>/dev/null; }

# wait_status NAME STATUS [SECONDS]: poll until the server has STATUS
wait_status() {
    local t
    for ((t = 0; t < ${3:-60} * 4; t++)); do
        [ "$(status "$1")" = "$2" ] && { pass "$1 is $2"; return 0; }
        sleep 0.25
    done
    fail "$1 did not become $2 (now: $(status "$1"))"
}

for ((t = 0; t < 20; t++)); do grep -q "compute agent" "$E2E_LOG" && break; sleep 0.5; done
expect_contains "$(cat "$E2E_LOG")" "driver fake: guests are simulated in memory" "all-in-one says its guests are simulated"

# --- the host registered itself ---------------------------------------------------
run openstack compute service list -f value -c Binary -c State -c Status
expect_contains "$OUT" "nova-compute enabled up" "the compute agent's service is up"
run openstack hypervisor list -f value -c "Hypervisor Type" -c State
expect_contains "$OUT" "fake up"
run openstack resource provider list -f value -c uuid
RP=$OUT
run openstack resource provider inventory list "$RP" -f value -c resource_class -c total
expect_contains "$OUT" "VCPU 4"
expect_contains "$OUT" "MEMORY_MB 8192"

# --- what a server needs ------------------------------------------------------------
head -c 1048576 /dev/urandom >"$E2E_TMP/disk.raw"
run openstack image create --disk-format raw --container-format bare --file "$E2E_TMP/disk.raw" e2e-image -f value -c id
run openstack network create e2e-net -f value -c id
NET=$OUT
run openstack subnet create --network e2e-net --subnet-range 10.77.0.0/24 e2e-subnet
run openstack flavor create --ram 512 --vcpus 1 --disk 1 e2e.tiny
run openstack flavor create --ram 1024 --vcpus 2 --disk 2 e2e.small
run openstack flavor create --ram 768 --vcpus 1 --disk 2 e2e.mid
ssh-keygen -q -t ed25519 -N "" -C e2e -f "$E2E_TMP/id_e2e"
run openstack keypair create --public-key "$E2E_TMP/id_e2e.pub" e2e-key

# --- create ---------------------------------------------------------------------------
run openstack server create --flavor e2e.tiny --image e2e-image --network e2e-net --key-name e2e-key \
    --property role=web --wait e2e-vm -f json
expect_eq "$(printf '%s' "$OUT" | json_field status)" ACTIVE "server create --wait reaches ACTIVE"
run openstack server show e2e-vm -f json
SHOW=$OUT
expect_contains "$SHOW" '"e2e-net": [' "the server has an address on e2e-net"
expect_contains "$SHOW" '"10.77.0.' "the address is on the subnet"
expect_contains "$SHOW" '"key_name": "e2e-key"'
expect_contains "$SHOW" '"role": "web"'
run openstack server list -f value -c Name -c Status
expect_contains "$OUT" "e2e-vm ACTIVE"
run openstack port list --server e2e-vm -f value -c id
PORT=$OUT
expect_eq "$(printf '%s\n' "$PORT" | grep -c .)" 1 "one port for the server"
run openstack port show "$PORT" -f json
expect_contains "$OUT" '"device_owner": "compute:nova"'
run openstack resource provider usage show "$RP" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 1"
expect_contains "$OUT" "MEMORY_MB 512"
run openstack limits show --absolute -f value -c Name -c Value
expect_contains "$OUT" "totalInstancesUsed 1" "limits count the server"
expect_contains "$OUT" "totalRAMUsed 512"
if [ "$(id -u)" = 0 ]; then
    TAP="apt-$(printf '%s' "$PORT" | tr -d - | cut -c1-11)"
    for ((t = 0; t < 40; t++)); do ip link show "$TAP" >/dev/null 2>&1 && break; sleep 0.5; done
    if ip link show "$TAP" >/dev/null 2>&1; then pass "the network agent plugged $TAP for the port"; else fail "no tap $TAP"; fi
fi

# --- actions ----------------------------------------------------------------------------
run openstack server reboot --hard --wait e2e-vm
expect_eq "$(status e2e-vm)" ACTIVE "hard reboot back to ACTIVE"
run openstack server reboot --soft --wait e2e-vm
expect_eq "$(status e2e-vm)" ACTIVE "soft reboot back to ACTIVE"
run openstack server stop e2e-vm
wait_status e2e-vm SHUTOFF
run_fails openstack server stop e2e-vm
run openstack server start e2e-vm
wait_status e2e-vm ACTIVE
run openstack server resize --flavor e2e.small --wait e2e-vm
expect_eq "$(status e2e-vm)" VERIFY_RESIZE "resize waits for confirmation"
run openstack resource provider usage show "$RP" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 3" "during the resize Placement holds both flavors"
run openstack server resize confirm e2e-vm
wait_status e2e-vm ACTIVE
run openstack server show e2e-vm -f value -c flavor
expect_contains "$OUT" "e2e.small"
run openstack resource provider usage show "$RP" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 2" "after confirm only the new flavor is held"
run_fails openstack server resize --flavor e2e.tiny e2e-vm
expect_contains "$ERR" "smaller disk" "no resize to a smaller disk"
run openstack server resize --flavor e2e.mid --wait e2e-vm
run openstack server resize revert e2e-vm
wait_status e2e-vm ACTIVE
run openstack server show e2e-vm -f value -c flavor
expect_contains "$OUT" "e2e.small" "revert keeps the old flavor"
run openstack resource provider usage show "$RP" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 2" "after revert the old flavor is held again"
run openstack console log show e2e-vm
expect_contains "$OUT" "FAKE CONSOLE OUTPUT"
run openstack server event list e2e-vm -f value -c Action
expect_contains "$OUT" "create"
expect_contains "$OUT" "reboot"
expect_contains "$OUT" "resize"
run openstack server set --name e2e-vm2 e2e-vm
run openstack server show e2e-vm2 -f value -c status

# --- bad input ------------------------------------------------------------------------------
run_fails openstack server create --flavor no-such-flavor --image e2e-image --network e2e-net e2e-bad
run_fails openstack server create --flavor e2e.tiny --image e2e-image --network 00000000-0000-0000-0000-000000000000 e2e-bad

# --- delete ----------------------------------------------------------------------------------
run openstack server delete --wait e2e-vm2
run_fails openstack server show e2e-vm2
run openstack port list --network e2e-net --device-owner compute:nova -f value -c id
expect_eq "$OUT" "" "the server's port is gone"
run openstack resource provider usage show "$RP" -f value -c resource_class -c usage
expect_contains "$OUT" "VCPU 0" "no allocation left"
if [ "$(id -u)" = 0 ]; then
    for ((t = 0; t < 40; t++)); do ip link show "$TAP" >/dev/null 2>&1 || break; sleep 0.5; done
    if ip link show "$TAP" >/dev/null 2>&1; then fail "tap $TAP still there"; else pass "tap $TAP removed"; fi
fi

run openstack network delete e2e-net
if [ "$(id -u)" = 0 ]; then
    # The agent tears the network's DHCP down asynchronously; wait so nothing outlives the cloud.
    for ((t = 0; t < 40; t++)); do pgrep -f "dhcp-range=set:subnet-.*10\.77\.0\.0" >/dev/null || break; sleep 0.5; done
    if pgrep -f "10\.77\.0\.0" >/dev/null; then fail "dnsmasq of e2e-net still running"; else pass "the network's dnsmasq is gone"; fi
fi
e2e_stop_apiary
e2e_finish
