-- Smaller Keystone APIs: domain-specific configuration, OS-EP-FILTER endpoint groups and
-- project-endpoint associations, OS-OAUTH1 consumers, and policy blobs. Same SQL subset as V1.
-- Column names avoid words reserved in one of the engines (group, option, value, blob).

-- Keystone's whitelisted_config and sensitive_config in one table: sensitive = 1 rows (the
-- LDAP password) are never returned by the API. option_value is JSON text (any JSON value).
CREATE TABLE identity_domain_config (
    domain_id VARCHAR(64) NOT NULL,
    group_name VARCHAR(255) NOT NULL,
    option_name VARCHAR(255) NOT NULL,
    option_value TEXT NOT NULL,
    sensitive SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (domain_id, group_name, option_name)
);

-- filters is a JSON object over service_id, region_id and interface.
CREATE TABLE identity_endpoint_group (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    filters TEXT NOT NULL
);

CREATE TABLE identity_project_endpoint_group (
    endpoint_group_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (endpoint_group_id, project_id)
);
CREATE INDEX ix_project_endpoint_group_project ON identity_project_endpoint_group (project_id);

CREATE TABLE identity_project_endpoint (
    endpoint_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (endpoint_id, project_id)
);
CREATE INDEX ix_project_endpoint_project ON identity_project_endpoint (project_id);

-- The secret is kept, sealed with the credential Fernet keys, because OAuth1 signatures need
-- it in clear; key_hash tells which key sealed it (as identity_credential).
CREATE TABLE identity_oauth_consumer (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    description TEXT,
    encrypted_secret TEXT NOT NULL,
    key_hash VARCHAR(64) NOT NULL,
    extra TEXT
);

-- /v3/policies: opaque blobs Keystone stores for other services; it never enforces them.
CREATE TABLE identity_policy (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    type VARCHAR(255) NOT NULL,
    policy_blob TEXT NOT NULL,
    extra TEXT
);
