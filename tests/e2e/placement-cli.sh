#!/usr/bin/env bash
# End to end: the Placement API of `apiary all-in-one` driven by the real
# `openstack` CLI with osc-placement (python3-osc-placement), as Nova's
# operators use it: providers, inventories, resource classes, traits,
# aggregates, usages and allocation candidates, at the microversions the
# commands need.
. "$(dirname "$0")/lib.sh"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
e2e_start_apiary   # Placement listens on a port the kernel picks; clients find it in the catalog

# shellcheck disable=SC1091
. "$E2E_DATA/openrc"
P="openstack --os-placement-api-version"

# --- the catalog and the version document ----------------------------------
run openstack endpoint list --service placement --interface public -f value -c URL
PLACEMENT_URL=$OUT
expect_contains "$PLACEMENT_URL" "http://127.0.0.1:" "catalog lists a placement endpoint"
code=$(curl -s -m 10 -o "$E2E_TMP/root" -w '%{http_code}' "$PLACEMENT_URL/")
expect_eq "$code" 200 "GET / answers without a token"
max=$($PYTHON -c 'import json, sys; print(json.load(open(sys.argv[1]))["versions"][0]["max_version"])' "$E2E_TMP/root")
expect_eq "$max" 1.39 "version document says max_version 1.39"

# --- providers ----------------------------------------------------------------
run $P 1.14 resource provider create e2e-root -f json
ROOT=$(printf '%s' "$OUT" | json_field uuid)
[ -n "$ROOT" ] || e2e_abort "no provider uuid"
run $P 1.14 resource provider create e2e-child --parent-provider "$ROOT" -f json
CHILD=$(printf '%s' "$OUT" | json_field uuid)
expect_eq "$(printf '%s' "$OUT" | json_field root_provider_uuid)" "$ROOT" "child's root is the parent"
run $P 1.14 resource provider list -f value -c name
expect_contains "$OUT" e2e-root
expect_contains "$OUT" e2e-child
run $P 1.14 resource provider list --in-tree "$CHILD" -f value -c name
expect_eq "$(printf '%s\n' "$OUT" | sort | tr '\n' ' ')" "e2e-child e2e-root " "--in-tree lists the whole tree"
run $P 1.14 resource provider show "$ROOT" -f json
expect_eq "$(printf '%s' "$OUT" | json_field name)" e2e-root "show by uuid"
run $P 1.14 resource provider set "$ROOT" --name e2e-root-renamed -f json
expect_eq "$(printf '%s' "$OUT" | json_field name)" e2e-root-renamed "rename"
run_fails $P 1.14 resource provider create e2e-child

# --- inventories ----------------------------------------------------------------
run openstack resource provider inventory set "$ROOT" --resource VCPU=8 --resource MEMORY_MB=4096 \
    --resource DISK_GB=100 --resource VCPU:allocation_ratio=2.0
run openstack resource provider inventory list "$ROOT" -f value -c resource_class -c total
expect_contains "$OUT" "VCPU 8"
expect_contains "$OUT" "DISK_GB 100"
run openstack resource provider inventory show "$ROOT" VCPU -f json
expect_eq "$(printf '%s' "$OUT" | json_field allocation_ratio)" 2.0 "allocation_ratio kept"
run openstack resource provider inventory delete "$ROOT" --resource-class DISK_GB
run openstack resource provider inventory list "$ROOT" -f value -c resource_class
expect_not_contains "$OUT" DISK_GB "DISK_GB inventory deleted"

# --- resource classes and traits ---------------------------------------------------
run $P 1.7 resource class create CUSTOM_E2E_GPU
run $P 1.7 resource class list -f value -c name
expect_contains "$OUT" CUSTOM_E2E_GPU
expect_contains "$OUT" VCPU "standard classes listed"
run $P 1.6 trait create CUSTOM_E2E_FAST
run $P 1.6 trait list -f value -c name
expect_contains "$OUT" CUSTOM_E2E_FAST
expect_contains "$OUT" HW_CPU_X86_AVX2 "standard traits listed"
run $P 1.6 resource provider trait set "$ROOT" --trait CUSTOM_E2E_FAST --trait HW_CPU_X86_SSE
run $P 1.6 resource provider trait list "$ROOT" -f value -c name
expect_contains "$OUT" CUSTOM_E2E_FAST
expect_contains "$OUT" HW_CPU_X86_SSE

# --- aggregates (with the generation, 1.19) -----------------------------------------
AGG=$($PYTHON -c 'import uuid; print(uuid.uuid4())')
GEN=$(openstack --os-placement-api-version 1.19 resource provider show "$ROOT" -f value -c generation)
run $P 1.19 resource provider aggregate set "$ROOT" --aggregate "$AGG" --generation "$GEN"
run $P 1.19 resource provider aggregate list "$ROOT" -f value -c uuid
expect_contains "$OUT" "$AGG"
run_fails $P 1.19 resource provider aggregate set "$ROOT" --aggregate "$AGG" --generation "$GEN"
run $P 1.14 resource provider list --aggregate-uuid "$AGG" -f value -c uuid
expect_eq "$OUT" "$ROOT" "list --aggregate-uuid"

# --- candidates and usages ----------------------------------------------------------
run $P 1.17 allocation candidate list --resource VCPU=2 --resource MEMORY_MB=512 --required CUSTOM_E2E_FAST
expect_contains "$OUT" "$ROOT" "the provider is a candidate"
# The trait is on the child, which has no VCPU: nothing qualifies.
run $P 1.6 resource provider trait set "$CHILD" --trait HW_CPU_X86_AVX2
run $P 1.17 allocation candidate list --resource VCPU=2 --required HW_CPU_X86_AVX2 -f value
expect_eq "$OUT" "" "no candidate without the required trait"
run $P 1.14 resource provider list --resource VCPU=16 -f value -c uuid
expect_eq "$OUT" "$ROOT" "--resources honours allocation_ratio"
CONSUMER=$($PYTHON -c 'import uuid; print(uuid.uuid4())')
run $P 1.12 resource provider allocation set "$CONSUMER" --project-id e2e-project --user-id e2e-user \
    --allocation "rp=$ROOT,VCPU=3,MEMORY_MB=1024"
run openstack resource provider usage show "$ROOT" -f value
expect_contains "$OUT" "VCPU 3"
expect_contains "$OUT" "MEMORY_MB 1024"
run $P 1.9 resource usage show e2e-project -f value
expect_contains "$OUT" "VCPU 3"
run $P 1.12 resource provider allocation show "$CONSUMER" -f value -c resource_provider
expect_eq "$OUT" "$ROOT" "allocation show"
run_fails openstack resource provider delete "$ROOT"
run openstack resource provider allocation delete "$CONSUMER"

# --- clean-up ---------------------------------------------------------------------
run openstack resource provider delete "$CHILD"
run openstack resource provider delete "$ROOT"
run_fails openstack resource provider show "$ROOT"
run $P 1.7 resource class delete CUSTOM_E2E_GPU
run $P 1.6 trait delete CUSTOM_E2E_FAST

e2e_stop_apiary
e2e_finish
