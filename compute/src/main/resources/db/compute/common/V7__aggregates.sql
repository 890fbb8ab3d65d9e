-- Host aggregates (Nova's aggregates, aggregate_hosts, aggregate_metadata; no soft delete). The
-- availability_zone metadata key is what puts a host in a zone. Names are unique by key, so two
-- racing creates of one name end in one 409; a host is in an aggregate once (primary key).
CREATE TABLE compute_aggregate (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);
CREATE UNIQUE INDEX ux_compute_aggregate_uuid ON compute_aggregate (uuid);
CREATE UNIQUE INDEX ux_compute_aggregate_name ON compute_aggregate (name);

CREATE TABLE compute_aggregate_host (
    aggregate_id INTEGER NOT NULL,
    host VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_id, host)
);
CREATE INDEX ix_compute_aggregate_host_host ON compute_aggregate_host (host);

CREATE TABLE compute_aggregate_metadata (
    aggregate_id INTEGER NOT NULL,
    meta_key VARCHAR(255) NOT NULL,
    meta_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_id, meta_key)
);

INSERT INTO compute_id_sequence (name, next_id) VALUES ('aggregate', 1);
