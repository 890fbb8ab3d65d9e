-- Keystone v3 tables. Kept to the SQL subset SQLite, PostgreSQL and MariaDB share.
-- Times are epoch milliseconds (BIGINT). "extra" holds arbitrary attributes as JSON text, as
-- Keystone does. Domains are rows of identity_project with is_domain = 1, as in Keystone, so a
-- project's parent chain ends at its domain.

CREATE TABLE identity_project (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    domain_id VARCHAR(64) NOT NULL,
    parent_id VARCHAR(64),
    description TEXT,
    enabled SMALLINT NOT NULL DEFAULT 1,
    is_domain SMALLINT NOT NULL DEFAULT 0,
    extra TEXT,
    created_at BIGINT NOT NULL,
    CONSTRAINT uq_project_name_domain UNIQUE (domain_id, name)
);

CREATE TABLE identity_project_tag (
    project_id VARCHAR(64) NOT NULL,
    name VARCHAR(255) NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE identity_user (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    domain_id VARCHAR(64) NOT NULL,
    enabled SMALLINT NOT NULL DEFAULT 1,
    default_project_id VARCHAR(64),
    password_hash VARCHAR(255),
    password_created_at BIGINT,
    password_expires_at BIGINT,
    extra TEXT,
    options TEXT,
    created_at BIGINT NOT NULL,
    last_active_at BIGINT,
    CONSTRAINT uq_user_name_domain UNIQUE (domain_id, name)
);

CREATE TABLE identity_group (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    domain_id VARCHAR(64) NOT NULL,
    description TEXT,
    extra TEXT,
    CONSTRAINT uq_group_name_domain UNIQUE (domain_id, name)
);

CREATE TABLE identity_user_group (
    user_id VARCHAR(64) NOT NULL,
    group_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, group_id)
);

-- domain_id is '<<null>>' for global roles so the unique key also covers them (as Keystone).
CREATE TABLE identity_role (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    domain_id VARCHAR(64) NOT NULL,
    description TEXT,
    extra TEXT,
    options TEXT,
    CONSTRAINT uq_role_name_domain UNIQUE (name, domain_id)
);

CREATE TABLE identity_implied_role (
    prior_role_id VARCHAR(64) NOT NULL,
    implied_role_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (prior_role_id, implied_role_id)
);

-- type: UserProject, GroupProject, UserDomain, GroupDomain, UserSystem, GroupSystem.
-- target_id is 'system' for the system scope.
CREATE TABLE identity_assignment (
    type VARCHAR(16) NOT NULL,
    actor_id VARCHAR(64) NOT NULL,
    target_id VARCHAR(64) NOT NULL,
    role_id VARCHAR(64) NOT NULL,
    inherited SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (type, actor_id, target_id, role_id, inherited)
);
CREATE INDEX ix_assignment_actor ON identity_assignment (actor_id);
CREATE INDEX ix_assignment_target ON identity_assignment (target_id);
CREATE INDEX ix_assignment_role ON identity_assignment (role_id);

CREATE TABLE identity_region (
    id VARCHAR(255) NOT NULL PRIMARY KEY,
    description TEXT,
    parent_region_id VARCHAR(255),
    extra TEXT
);

CREATE TABLE identity_service (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    type VARCHAR(255) NOT NULL,
    enabled SMALLINT NOT NULL DEFAULT 1,
    extra TEXT
);

CREATE TABLE identity_endpoint (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    service_id VARCHAR(64) NOT NULL,
    interface VARCHAR(8) NOT NULL,
    url TEXT NOT NULL,
    region_id VARCHAR(255),
    enabled SMALLINT NOT NULL DEFAULT 1,
    extra TEXT
);

CREATE TABLE identity_credential (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64),
    type VARCHAR(255) NOT NULL,
    encrypted_blob TEXT NOT NULL,
    key_hash VARCHAR(64) NOT NULL,
    extra TEXT
);
CREATE INDEX ix_credential_user ON identity_credential (user_id);

CREATE TABLE identity_application_credential (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    secret_hash VARCHAR(255) NOT NULL,
    description TEXT,
    user_id VARCHAR(64) NOT NULL,
    project_id VARCHAR(64),
    system VARCHAR(16),
    expires_at BIGINT,
    unrestricted SMALLINT NOT NULL DEFAULT 0,
    roles TEXT NOT NULL,
    access_rules TEXT,
    created_at BIGINT NOT NULL,
    CONSTRAINT uq_app_cred_user_name UNIQUE (user_id, name)
);

-- Keystone's revocation events: a token is revoked when it matches every non-null field and
-- was issued at or before issued_before.
CREATE TABLE identity_revocation_event (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    domain_id VARCHAR(64),
    project_id VARCHAR(64),
    user_id VARCHAR(64),
    role_id VARCHAR(64),
    trust_id VARCHAR(64),
    consumer_id VARCHAR(64),
    access_token_id VARCHAR(64),
    audit_id VARCHAR(32),
    audit_chain_id VARCHAR(32),
    issued_before BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT NOT NULL
);
CREATE INDEX ix_revocation_revoked_at ON identity_revocation_event (revoked_at);

INSERT INTO identity_project (id, name, domain_id, parent_id, description, enabled, is_domain, extra, created_at)
VALUES ('default', 'Default', '<<keystone.domain.root>>', NULL, 'The default domain', 1, 1, '{}', 0);
