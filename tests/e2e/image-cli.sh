#!/usr/bin/env bash
# End to end: Glance v2 of `apiary all-in-one` driven by the real `openstack` CLI
# (python3-openstackclient): upload a random image with --file, list, show (checksum
# and sha512 as computed locally), set/unset properties and tags, save it back
# byte-identical, share it with another project whose user accepts it and can then
# download it, refuse a qcow2 with a backing file and a file that is not in its
# declared format, delete, and a clean SIGTERM stop.
. "$(dirname "$0")/lib.sh"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
IMAGE_PORT=$(free_port)
e2e_start_apiary --image-port "$IMAGE_PORT"
[ -f "$E2E_DATA/openrc" ] || e2e_abort "all-in-one did not write $E2E_DATA/openrc"
# shellcheck disable=SC1091
. "$E2E_DATA/openrc"
IMAGE_URL=http://127.0.0.1:$IMAGE_PORT

# json FIELD...: read a JSON object on stdin and print the first field present,
# looking inside "properties" too (the CLI moves some fields there).
json() {
    "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
for k in sys.argv[1:]:
    for src in (d, d.get("properties") or {}):
        if k in src:
            v = src[k]
            print(" ".join(v) if isinstance(v, list) else v)
            sys.exit(0)
print("")' "$@"
}

# --- plain HTTP: version document and Glance's error body --------------------
code=$(curl -s -m 10 -o "$E2E_TMP/body" -w '%{http_code}' "$IMAGE_URL/")
expect_eq "$code" 300 "GET / on the image endpoint answers 300 Multiple Choices"
expect_contains "$(cat "$E2E_TMP/body")" '"CURRENT"' "the version document lists a CURRENT version"
run openstack catalog list && expect_contains "$OUT" "$IMAGE_URL" "the catalog has the image endpoint"

# --- upload, list, show ------------------------------------------------------
IMG=$E2E_TMP/disk.raw
head -c $((3 * 1024 * 1024 + 123)) /dev/urandom > "$IMG"
MD5=$(md5sum "$IMG" | cut -d' ' -f1)
SHA512=$(sha512sum "$IMG" | cut -d' ' -f1)
N=e2e-image
run openstack image create --disk-format raw --container-format bare --file "$IMG" "$N" -f json ||
    e2e_abort "image create --file failed"
ID=$(printf '%s' "$OUT" | json id)
run openstack image list && expect_contains "$OUT" "$N" "image list shows $N"
run openstack image show "$N" -f json && {
    expect_eq "$(printf '%s' "$OUT" | json status)" active "image is active after the upload"
    expect_eq "$(printf '%s' "$OUT" | json checksum)" "$MD5" "checksum is the file's md5"
    expect_eq "$(printf '%s' "$OUT" | json os_hash_algo)" sha512 "os_hash_algo is sha512"
    expect_eq "$(printf '%s' "$OUT" | json os_hash_value)" "$SHA512" "os_hash_value is the file's sha512"
    expect_eq "$(printf '%s' "$OUT" | json size)" "$(stat -c %s "$IMG")" "size is the file's size"
}

# --- set / unset -------------------------------------------------------------
run openstack image set --property e2e_prop=hello --tag e2e-tag --min-disk 2 "$N"
run openstack image show "$N" -f json && {
    expect_eq "$(printf '%s' "$OUT" | json e2e_prop)" hello "set --property is shown"
    expect_contains "$(printf '%s' "$OUT" | json tags)" e2e-tag "set --tag is shown"
    expect_eq "$(printf '%s' "$OUT" | json min_disk)" 2 "set --min-disk is shown"
}
run openstack image unset --property e2e_prop --tag e2e-tag "$N"
run openstack image show "$N" -f json && {
    expect_not_contains "$OUT" e2e_prop "unset --property removed it"
    expect_not_contains "$OUT" e2e-tag "unset --tag removed it"
}

# --- save (download) ---------------------------------------------------------
run openstack image save --file "$E2E_TMP/saved.raw" "$N" &&
    if cmp -s "$IMG" "$E2E_TMP/saved.raw"; then pass "image save is byte-identical (cmp)"
    else fail "image save is byte-identical (cmp)"; fi

# --- share with another project ----------------------------------------------
P2=e2e-consumers U2=e2e-consumer PW2="consumer-$RANDOM"
run openstack project create "$P2"
run openstack user create --password "$PW2" --project "$P2" "$U2"
run openstack role add --project "$P2" --user "$U2" member
as_consumer() {
    without_os_env openstack --os-auth-url "$OS_AUTH_URL" --os-identity-api-version 3 \
        --os-username "$U2" --os-password "$PW2" --os-project-name "$P2" \
        --os-user-domain-name Default --os-project-domain-name Default --os-region-name "${OS_REGION_NAME:-RegionOne}" "$@"
}
run_fails as_consumer image show "$ID"
run openstack image add project "$N" "$P2" && expect_contains "$OUT" pending "the membership starts pending"
run as_consumer image set --accept "$ID"
run as_consumer image member list "$ID" && expect_contains "$OUT" accepted "the membership is accepted"
run as_consumer image list && expect_contains "$OUT" "$ID" "the consumer lists the shared image"
run as_consumer image save --file "$E2E_TMP/consumer.raw" "$ID" &&
    if cmp -s "$IMG" "$E2E_TMP/consumer.raw"; then pass "the consumer downloads the same bytes"
    else fail "the consumer downloads the same bytes"; fi
run_fails as_consumer image delete "$ID"

# --- unsafe and mismatched content is refused --------------------------------
"$PYTHON" - "$E2E_TMP/backing.qcow2" <<'EOF'
import struct, sys
# qcow2 v3 header naming /etc/passwd as its backing file (qemu's docs/interop/qcow2.txt)
name = b"/etc/passwd"
h = struct.pack(">4sIQIIQIIQQIIQQQQII", b"QFI\xfb", 3, 112, len(name), 16, 1 << 30, 0, 1, 3 << 16,
                1 << 16, 1, 0, 0, 0, 0, 0, 4, 104)
data = bytearray(256 * 1024)
data[:len(h)] = h
data[112:112 + len(name)] = name
open(sys.argv[1], "wb").write(data)
EOF
run_fails openstack image create --disk-format qcow2 --container-format bare --file "$E2E_TMP/backing.qcow2" e2e-backing
expect_contains "$ERR" "backing file" "the refusal names the backing file"
run_fails openstack image create --disk-format qcow2 --container-format bare --file "$IMG" e2e-mismatch
expect_contains "$ERR" "does not match disk_format" "raw bytes declared qcow2 are refused"
# (openstacksdk deletes an image whose upload failed; check the server kept nothing.)
run openstack image list && expect_not_contains "$OUT" e2e-backing "no refused image is left"

# The same refusal seen directly: the image stays queued, without data.
TOKEN=$(openstack token issue -f value -c id)
RID=$(curl -s -m 30 -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name": "e2e-refused", "disk_format": "qcow2", "container_format": "bare"}' "$IMAGE_URL/v2/images" | json id)
code=$(curl -s -m 60 -o "$E2E_TMP/body" -w '%{http_code}' -X PUT -T "$E2E_TMP/backing.qcow2" -H 'Expect:' \
    -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/octet-stream' "$IMAGE_URL/v2/images/$RID/file")
indent "HTTP $code $(cat "$E2E_TMP/body")"
expect_eq "$code" 400 "PUT of the qcow2 with a backing file answers 400"
expect_contains "$(cat "$E2E_TMP/body")" '"message":"Image data is not acceptable: qcow2 image has a backing file."' \
    "Glance's error body gives the reason"
expect_contains "$(cat "$E2E_TMP/body")" '"code":"400 Bad Request"' "Glance's error body has its code"
run openstack image show e2e-refused -f json &&
    expect_eq "$(printf '%s' "$OUT" | json status)" queued "the refused image is queued, without data"
run openstack image delete e2e-refused

# --- delete --------------------------------------------------------------------
run openstack image delete "$N"
run_fails openstack image show "$ID"
leftover=$(find "$E2E_DATA/images" -type f | wc -l)
expect_eq "$leftover" 0 "no image data is left in the store"

e2e_stop_apiary
e2e_finish
