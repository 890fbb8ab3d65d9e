-- Placement tables, in the SQL subset SQLite, PostgreSQL and MariaDB share. Times are epoch
-- milliseconds. BIGINT surrogate keys keep the big tables (inventories, allocations) narrow; the
-- API only ever shows uuids and names. Keys are made by the application (time-ordered, so lists
-- come out in creation order), because the three engines share no auto-increment syntax.

-- One row. Every write transaction bumps it as its last statement, so a reader can tell with one
-- cheap SELECT whether anything changed since it built its in-memory snapshot (on this node or on
-- another node sharing the database).
CREATE TABLE placement_change_counter (
    id INTEGER NOT NULL PRIMARY KEY,
    counter BIGINT NOT NULL
);
INSERT INTO placement_change_counter (id, counter) VALUES (1, 0);

-- Standard classes keep the os-resource-classes index as id; custom classes start at 10000.
CREATE TABLE placement_resource_classes (
    id BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    created_at BIGINT,
    updated_at BIGINT,
    CONSTRAINT uq_placement_rc_name UNIQUE (name)
);

CREATE TABLE placement_traits (
    id BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    created_at BIGINT,
    updated_at BIGINT,
    CONSTRAINT uq_placement_trait_name UNIQUE (name)
);

-- generation is compared and bumped atomically (UPDATE ... WHERE generation = ?) by every write
-- that touches the provider; that row update is also the lock that serialises such writes.
CREATE TABLE placement_providers (
    id BIGINT NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    generation INTEGER NOT NULL DEFAULT 0,
    parent_id BIGINT,
    root_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uq_placement_provider_uuid UNIQUE (uuid),
    CONSTRAINT uq_placement_provider_name UNIQUE (name),
    CONSTRAINT fk_placement_provider_parent FOREIGN KEY (parent_id) REFERENCES placement_providers (id)
);
CREATE INDEX ix_placement_provider_root ON placement_providers (root_id);
CREATE INDEX ix_placement_provider_parent ON placement_providers (parent_id);

CREATE TABLE placement_inventories (
    provider_id BIGINT NOT NULL,
    resource_class_id BIGINT NOT NULL,
    total BIGINT NOT NULL,
    reserved BIGINT NOT NULL,
    min_unit BIGINT NOT NULL,
    max_unit BIGINT NOT NULL,
    step_size BIGINT NOT NULL,
    allocation_ratio DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (provider_id, resource_class_id)
);
CREATE INDEX ix_placement_inventory_rc ON placement_inventories (resource_class_id);

CREATE TABLE placement_projects (
    id BIGINT NOT NULL PRIMARY KEY,
    external_id VARCHAR(255) NOT NULL,
    CONSTRAINT uq_placement_project_external UNIQUE (external_id)
);

CREATE TABLE placement_users (
    id BIGINT NOT NULL PRIMARY KEY,
    external_id VARCHAR(255) NOT NULL,
    CONSTRAINT uq_placement_user_external UNIQUE (external_id)
);

CREATE TABLE placement_consumer_types (
    id BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    CONSTRAINT uq_placement_consumer_type_name UNIQUE (name)
);

-- A consumer exists while it holds allocations (as upstream: it is deleted with its last one).
CREATE TABLE placement_consumers (
    id BIGINT NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    project_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    consumer_type_id BIGINT,
    generation INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uq_placement_consumer_uuid UNIQUE (uuid)
);
CREATE INDEX ix_placement_consumer_project ON placement_consumers (project_id, user_id);

CREATE TABLE placement_allocations (
    provider_id BIGINT NOT NULL,
    consumer_id BIGINT NOT NULL,
    resource_class_id BIGINT NOT NULL,
    used BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (consumer_id, provider_id, resource_class_id)
);
CREATE INDEX ix_placement_alloc_provider ON placement_allocations (provider_id, resource_class_id);

CREATE TABLE placement_aggregates (
    id BIGINT NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    CONSTRAINT uq_placement_aggregate_uuid UNIQUE (uuid)
);

CREATE TABLE placement_provider_aggregates (
    provider_id BIGINT NOT NULL,
    aggregate_id BIGINT NOT NULL,
    PRIMARY KEY (provider_id, aggregate_id)
);
CREATE INDEX ix_placement_provider_agg ON placement_provider_aggregates (aggregate_id);

CREATE TABLE placement_provider_traits (
    provider_id BIGINT NOT NULL,
    trait_id BIGINT NOT NULL,
    PRIMARY KEY (provider_id, trait_id)
);
CREATE INDEX ix_placement_provider_trait ON placement_provider_traits (trait_id);
