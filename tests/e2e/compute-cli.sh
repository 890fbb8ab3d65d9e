#!/usr/bin/env bash
# End to end: the compute API (Nova v2.1, part 1: no servers yet) of `apiary all-in-one`
# driven by the real `openstack` CLI: flavors with properties, keypairs (imported and
# generated), availability zones, limits, quotas, server groups.
. "$(dirname "$0")/lib.sh"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
# Every API but Keystone on a port the kernel picks; clients find them in the catalog.
mkdir -p "$E2E_DATA"
printf '[image]\nport = 0\n\n[placement]\nport = 0\n\n[network]\nport = 0\n\n[compute]\nport = 0\n' \
    >"$E2E_DATA/apiary.conf"
e2e_start_apiary

# shellcheck disable=SC1091
. "$E2E_DATA/openrc"

# --- the catalog and the version document ----------------------------------
run openstack endpoint list --service compute --interface public -f value -c URL
COMPUTE_URL=$OUT
expect_contains "$COMPUTE_URL" "/v2.1" "catalog lists a compute endpoint ending in /v2.1"
code=$(curl -s -m 10 -o "$E2E_TMP/root" -w '%{http_code}' "${COMPUTE_URL%/v2.1}/")
expect_eq "$code" 200 "GET / answers without a token"
max=$($PYTHON -c 'import json, sys; print(json.load(open(sys.argv[1]))["versions"][0]["version"])' "$E2E_TMP/root")
expect_eq "$max" 2.93 "version document says 2.93"

# --- flavors ---------------------------------------------------------------------
run openstack flavor create --ram 1024 --vcpus 1 --disk 10 --property hw:cpu_policy=dedicated e2e.small -f json
expect_eq "$(printf '%s' "$OUT" | json_field ram)" 1024 "flavor created with its RAM"
run openstack flavor set --property quota:cpu_shares=512 e2e.small
run openstack flavor show e2e.small -f json
expect_contains "$OUT" '"quota:cpu_shares": "512"'
expect_contains "$OUT" '"hw:cpu_policy": "dedicated"'
run_fails openstack --os-compute-api-version 2.86 flavor set --property hw:cpu_policy=sideways e2e.small
run openstack flavor create --private --ram 512 --vcpus 1 --disk 1 --description "e2e private" e2e.private -f json
run openstack flavor list -f value -c Name
expect_contains "$OUT" e2e.small
expect_not_contains "$OUT" e2e.private "private flavor not in the default list"
run openstack flavor list --all -f value -c Name
expect_contains "$OUT" e2e.private
run openstack flavor delete e2e.small e2e.private
run_fails openstack flavor show e2e.small

# --- keypairs ----------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N "" -C e2e -f "$E2E_TMP/id_e2e"
run openstack keypair create --public-key "$E2E_TMP/id_e2e.pub" e2e-imported -f json
expected_fp=$(ssh-keygen -l -E md5 -f "$E2E_TMP/id_e2e.pub" | awk '{print $2}' | sed 's/^MD5://')
expect_eq "$(printf '%s' "$OUT" | json_field fingerprint)" "$expected_fp" "fingerprint is the key's MD5, as ssh-keygen computes it"
run openstack keypair create e2e-generated
printf '%s\n' "$OUT" >"$E2E_TMP/generated.pem"
chmod 600 "$E2E_TMP/generated.pem"
run ssh-keygen -y -f "$E2E_TMP/generated.pem"
expect_contains "$OUT" "ssh-rsa " "generated private key is a valid RSA key"
run openstack keypair show e2e-generated --public-key
expect_contains "$OUT" "Generated-by-Nova"
run openstack keypair list -f value -c Name
expect_contains "$OUT" e2e-imported
expect_contains "$OUT" e2e-generated
run openstack keypair delete e2e-imported e2e-generated
run_fails openstack keypair show e2e-imported

# --- zones, limits, quotas, server groups ------------------------------------------------
run openstack availability zone list --compute
run openstack limits show --absolute -f value -c Name -c Value
expect_contains "$OUT" "maxTotalInstances 10"
run openstack quota show -f json
expect_eq "$(printf '%s' "$OUT" | json_field instances)" 10 "quota show: instances"
run openstack quota set --instances 20 admin
run openstack quota show -f json
expect_eq "$(printf '%s' "$OUT" | json_field instances)" 20 "quota set: instances"
run openstack quota set --class --key-pairs 50 default
run openstack quota show --class default -f json
expect_eq "$(printf '%s' "$OUT" | json_field key-pairs)" 50 "quota class default: key-pairs"
run openstack server group create --policy anti-affinity e2e-group -f json
expect_eq "$(printf '%s' "$OUT" | json_field policy)" anti-affinity "server group policy"
run openstack server group list -f value -c Name
expect_contains "$OUT" e2e-group
run openstack server group delete e2e-group
run openstack server group list -f value -c Name
expect_not_contains "$OUT" e2e-group "server group deleted"

e2e_stop_apiary
e2e_finish
