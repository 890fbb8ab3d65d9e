#!/usr/bin/env bash
# End to end: Keystone v3 of `apiary all-in-one` driven by the real `openstack`
# CLI (python3-openstackclient), as an operator would: admin via openrc, a new
# domain/project/user/group/role, the new user's own token and an application
# credential used through clouds.yaml, then clean-up, and a clean SIGTERM stop.
. "$(dirname "$0")/lib.sh"

export APIARY_ADMIN_PASSWORD="e2e-admin-$RANDOM$RANDOM"
e2e_start_apiary

# --- the files all-in-one writes for clients --------------------------------
[ -f "$E2E_DATA/openrc" ] || e2e_abort "all-in-one did not write $E2E_DATA/openrc"
echo "\$ . $E2E_DATA/openrc"
indent "$(sed 's/\(PASSWORD=\).*/\1***/' "$E2E_DATA/openrc")"
# shellcheck disable=SC1091
. "$E2E_DATA/openrc"
expect_eq "${OS_AUTH_URL:-}" "$E2E_AUTH_URL" "openrc: OS_AUTH_URL"
expect_eq "${OS_PASSWORD:-}" "$APIARY_ADMIN_PASSWORD" "openrc: OS_PASSWORD is \$APIARY_ADMIN_PASSWORD"
if [ -f "$E2E_DATA/clouds.yaml" ]; then pass "clouds.yaml written"; else fail "clouds.yaml written"; fi
REGION=${OS_REGION_NAME:-RegionOne}

# --- plain HTTP: request ids and Keystone's error body ----------------------
echo "\$ curl -s -i $E2E_AUTH_URL"
headers=$(curl -s -i -m 10 "$E2E_AUTH_URL" | tr -d '\r')
indent "$headers"
expect_contains "$(printf '%s' "$headers" | tr '[:upper:]' '[:lower:]')" "x-openstack-request-id: req-" \
    "GET /v3 has an x-openstack-request-id: req-... header"
version_id=$(printf '%s' "$headers" | sed '1,/^$/d' | "$PYTHON" -c \
    'import json, sys; print(json.load(sys.stdin)["version"]["id"])' 2>/dev/null)
expect_contains "$version_id" "v3." "GET /v3 is the v3 version document (version.id=$version_id)"

echo "\$ curl -X POST $E2E_AUTH_URL/auth/tokens -d '{\"auth\": {'   # malformed JSON"
code=$(curl -s -m 10 -o "$E2E_TMP/body" -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data '{"auth": {' "$E2E_AUTH_URL/auth/tokens")
indent "HTTP $code $(cat "$E2E_TMP/body")"
expect_eq "$code" 400 "malformed JSON → HTTP 400"
if "$PYTHON" -c '
import json, sys
e = json.load(open(sys.argv[1]))["error"]
assert isinstance(e, dict) and e["code"] == 400 and e["message"], e' "$E2E_TMP/body" 2>/dev/null; then
    pass 'malformed JSON → {"error": {"code": 400, "message": ...}}'
else
    fail 'malformed JSON → {"error": {"code": 400, "message": ...}} body'
fi

# --- admin: token, catalog, endpoints, regions ------------------------------
run openstack token issue &&
    expect_contains "$OUT" "expires" "token issue shows an expiry"
run openstack catalog list && {
    expect_contains "$OUT" "identity" "catalog lists identity"
    expect_contains "$OUT" "127.0.0.1:$E2E_PORT" "catalog has the identity URL"
}
run openstack endpoint list &&
    expect_contains "$OUT" "identity" "endpoint list has identity"
run openstack region list &&
    expect_contains "$OUT" "$REGION" "region list has $REGION"

# --- admin: create a domain, project, user, group, role ---------------------
D=e2e-domain P=e2e-project U=e2e-user G=e2e-group R=e2e-role
PW1=first-pw-$RANDOM PW2=second-pw-$RANDOM

run openstack domain create --description "e2e domain" "$D"
run openstack domain show "$D" &&
    expect_contains "$OUT" "e2e domain" "domain show has the description"
run openstack domain list &&
    expect_contains "$OUT" "$D" "domain list has $D"

run openstack project create --domain "$D" --description "e2e project" "$P"
run openstack project list &&
    expect_contains "$OUT" "$P" "project list has $P"

run openstack user create --domain "$D" --password "$PW1" --project "$P" --project-domain "$D" "$U"
run openstack user list &&
    expect_contains "$OUT" "$U" "user list has $U"
run openstack user show --domain "$D" "$U" &&
    expect_contains "$OUT" "$U" "user show names $U"

run openstack group create --domain "$D" "$G"
run openstack group add user --group-domain "$D" --user-domain "$D" "$G" "$U"
run openstack group contains user --group-domain "$D" --user-domain "$D" "$G" "$U" &&
    expect_contains "$OUT$ERR" "$U in group $G" "group contains user"

run openstack role create "$R"
run openstack role add --project "$P" --project-domain "$D" --user "$U" --user-domain "$D" "$R"
run openstack role assignment list --user "$U" --user-domain "$D" --project "$P" --project-domain "$D" --names && {
    expect_contains "$OUT" "$R" "role assignment list has $R"
    expect_contains "$OUT" "$U@$D" "role assignment list names $U@$D"
}
run openstack role add --project "$P" --project-domain "$D" --group "$G" --group-domain "$D" "$R"

# --- the new user, with its own password (no admin settings around) ---------
user_cli() {   # user_cli PASSWORD ARGS...: openstack as $U scoped to $P
    local pw=$1
    shift
    without_os_env openstack --os-auth-url "$E2E_AUTH_URL" --os-identity-api-version 3 \
        --os-region-name "$REGION" --os-username "$U" --os-user-domain-name "$D" \
        --os-password "$pw" --os-project-name "$P" --os-project-domain-name "$D" "$@"
}
run openstack user set --domain "$D" --password "$PW2" "$U" &&
    run_fails user_cli "$PW1" token issue      # the old password no longer works
run user_cli "$PW2" token issue &&
    expect_contains "$OUT" "expires" "user token issue shows an expiry"

# --- application credential, used through a clouds.yaml ---------------------
run user_cli "$PW2" application credential create --description "e2e" -f json e2e-appcred
AC_ID=$(printf '%s' "$OUT" | json_field id 2>/dev/null)
AC_SECRET=$(printf '%s' "$OUT" | json_field secret 2>/dev/null)
if [ -n "$AC_ID" ] && [ -n "$AC_SECRET" ]; then
    pass "application credential has id and secret"
    cat >"$E2E_TMP/clouds-appcred.yaml" <<EOF
clouds:
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: $E2E_AUTH_URL
      application_credential_id: "$AC_ID"
      application_credential_secret: "$AC_SECRET"
    region_name: $REGION
    identity_api_version: 3
EOF
    run with_clouds_yaml "$E2E_TMP/clouds-appcred.yaml" openstack --os-cloud appcred token issue
    expect_contains "$OUT" "expires" "application credential token issue"
else
    fail "application credential create output has id and secret (skipping its use)"
fi
run user_cli "$PW2" application credential list &&
    expect_contains "$OUT" "e2e-appcred" "application credential list has e2e-appcred"
# Negative checks only mean something when the step before them worked.
if run user_cli "$PW2" application credential delete e2e-appcred; then
    run user_cli "$PW2" application credential list &&
        expect_not_contains "$OUT" "e2e-appcred" "application credential deleted"
    [ -f "$E2E_TMP/clouds-appcred.yaml" ] &&
        run_fails with_clouds_yaml "$E2E_TMP/clouds-appcred.yaml" openstack --os-cloud appcred token issue
fi

# --- the clouds.yaml all-in-one wrote works too -----------------------------
run with_clouds_yaml "$E2E_DATA/clouds.yaml" openstack --os-cloud apiary project list &&
    expect_contains "$OUT" "$P" "clouds.yaml (cloud apiary): project list has $P"

# --- clean-up, in dependency order ------------------------------------------
run openstack role remove --project "$P" --project-domain "$D" --user "$U" --user-domain "$D" "$R"
run openstack role remove --project "$P" --project-domain "$D" --group "$G" --group-domain "$D" "$R"
run openstack role assignment list --user "$U" --user-domain "$D" --project "$P" --project-domain "$D" --names &&
    expect_not_contains "$OUT" "$R" "role assignments removed"
run openstack group remove user --group-domain "$D" --user-domain "$D" "$G" "$U"
run openstack user delete --domain "$D" "$U"
run openstack group delete --domain "$D" "$G"
run openstack project delete --domain "$D" "$P"
run openstack domain set --disable "$D"
run openstack domain delete "$D"
run openstack role delete "$R"
run openstack project list && expect_not_contains "$OUT" "$P" "project list no longer has $P"
run openstack domain list && expect_not_contains "$OUT" "$D" "domain list no longer has $D"

e2e_stop_apiary
e2e_finish
