-- Nova v2.1 tables of the resources that are not servers. Kept to the SQL subset SQLite,
-- PostgreSQL and MariaDB share. Times are epoch milliseconds (BIGINT).
-- Uniqueness is decided by keys, never by read-then-write: flavor ids and names, keypair names
-- per user, access grants, quota rows.

CREATE TABLE compute_flavor (
    id INTEGER NOT NULL PRIMARY KEY,
    flavorid VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    memory_mb INTEGER NOT NULL,
    vcpus INTEGER NOT NULL,
    root_gb INTEGER NOT NULL,
    ephemeral_gb INTEGER NOT NULL,
    swap INTEGER NOT NULL,
    rxtx_factor DOUBLE PRECISION NOT NULL,
    is_public SMALLINT NOT NULL,
    disabled SMALLINT NOT NULL,
    description TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);
CREATE UNIQUE INDEX ux_compute_flavor_flavorid ON compute_flavor (flavorid);
CREATE UNIQUE INDEX ux_compute_flavor_name ON compute_flavor (name);

CREATE TABLE compute_flavor_extra_spec (
    flavor_id INTEGER NOT NULL,
    spec_key VARCHAR(255) NOT NULL,
    spec_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (flavor_id, spec_key)
);

CREATE TABLE compute_flavor_project (
    flavor_id INTEGER NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (flavor_id, project_id)
);

CREATE TABLE compute_keypair (
    id INTEGER NOT NULL PRIMARY KEY,
    user_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    fingerprint VARCHAR(255) NOT NULL,
    public_key TEXT NOT NULL,
    key_type VARCHAR(8) NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_compute_keypair_user_name ON compute_keypair (user_id, name);

-- Limits per project (user_id '') or per user of a project.
CREATE TABLE compute_quota (
    project_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    resource VARCHAR(64) NOT NULL,
    hard_limit INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id, resource)
);

CREATE TABLE compute_server_group (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    policy VARCHAR(32) NOT NULL,
    max_server_per_host INTEGER,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_compute_server_group_uuid ON compute_server_group (uuid);
CREATE INDEX ix_compute_server_group_project ON compute_server_group (project_id);

-- Internal integer ids (flavors, keypairs and groups have them upstream too), handed out here
-- so the same SQL works on every engine.
CREATE TABLE compute_id_sequence (
    name VARCHAR(32) NOT NULL PRIMARY KEY,
    next_id INTEGER NOT NULL
);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('flavor', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('keypair', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('server_group', 1);
