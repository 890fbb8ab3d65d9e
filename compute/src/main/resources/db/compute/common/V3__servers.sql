-- Servers (Nova's instances) and what hangs on them, plus the hosts agents register.
-- Flavors are copied into the server at create/resize time (JSON), as Nova's instance_extra.flavor,
-- so later flavor edits or deletes do not change running servers. Every server write bumps
-- `generation`; state changes are compare-and-set on (task_state, generation) like Nova's
-- expected_task_state.

CREATE TABLE compute_instance (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    hostname VARCHAR(255) NOT NULL,
    description TEXT,
    image_ref VARCHAR(255) NOT NULL,
    flavor TEXT NOT NULL,
    old_flavor TEXT,
    new_flavor TEXT,
    key_name VARCHAR(255),
    key_data TEXT,
    user_data TEXT,
    config_drive SMALLINT NOT NULL,
    availability_zone VARCHAR(255),
    host VARCHAR(255),
    node VARCHAR(255),
    vm_state VARCHAR(32) NOT NULL,
    task_state VARCHAR(32),
    power_state INTEGER NOT NULL,
    reservation_id VARCHAR(32) NOT NULL,
    launch_index INTEGER NOT NULL,
    access_ip_v4 VARCHAR(64),
    access_ip_v6 VARCHAR(64),
    locked_by VARCHAR(16),
    locked_reason TEXT,
    request_spec TEXT NOT NULL,
    network_info TEXT NOT NULL,
    progress INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT,
    launched_at BIGINT,
    terminated_at BIGINT,
    deleted_at BIGINT,
    generation INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_compute_instance_uuid ON compute_instance (uuid);
CREATE INDEX ix_compute_instance_project ON compute_instance (project_id, deleted_at);
CREATE INDEX ix_compute_instance_host ON compute_instance (host);
CREATE INDEX ix_compute_instance_task ON compute_instance (task_state);

CREATE TABLE compute_instance_metadata (
    instance_uuid VARCHAR(36) NOT NULL,
    meta_key VARCHAR(255) NOT NULL,
    meta_value VARCHAR(255) NOT NULL,
    PRIMARY KEY (instance_uuid, meta_key)
);

CREATE TABLE compute_instance_tag (
    instance_uuid VARCHAR(36) NOT NULL,
    tag VARCHAR(60) NOT NULL,
    PRIMARY KEY (instance_uuid, tag)
);

CREATE TABLE compute_server_group_member (
    group_uuid VARCHAR(36) NOT NULL,
    instance_uuid VARCHAR(36) NOT NULL,
    PRIMARY KEY (group_uuid, instance_uuid)
);
CREATE INDEX ix_compute_server_group_member_instance ON compute_server_group_member (instance_uuid);

-- os-instance-actions: one row per API action, events per step (nova/objects/instance_action.py).
CREATE TABLE compute_instance_action (
    id INTEGER NOT NULL PRIMARY KEY,
    instance_uuid VARCHAR(36) NOT NULL,
    request_id VARCHAR(255) NOT NULL,
    action VARCHAR(255) NOT NULL,
    project_id VARCHAR(255),
    user_id VARCHAR(255),
    start_time BIGINT NOT NULL,
    finish_time BIGINT,
    message VARCHAR(255),
    updated_at BIGINT
);
CREATE INDEX ix_compute_instance_action_instance ON compute_instance_action (instance_uuid, request_id);

CREATE TABLE compute_instance_action_event (
    id INTEGER NOT NULL PRIMARY KEY,
    action_id INTEGER NOT NULL,
    event VARCHAR(255) NOT NULL,
    start_time BIGINT NOT NULL,
    finish_time BIGINT,
    result VARCHAR(255),
    traceback TEXT,
    host VARCHAR(255),
    details TEXT
);
CREATE INDEX ix_compute_instance_action_event_action ON compute_instance_action_event (action_id);

CREATE TABLE compute_instance_fault (
    id INTEGER NOT NULL PRIMARY KEY,
    instance_uuid VARCHAR(36) NOT NULL,
    code INTEGER NOT NULL,
    message VARCHAR(255) NOT NULL,
    details TEXT,
    host VARCHAR(255),
    created_at BIGINT NOT NULL
);
CREATE INDEX ix_compute_instance_fault_instance ON compute_instance_fault (instance_uuid);

-- Resizes (os-migrations); the migration's uuid is the Placement consumer holding the old flavor's
-- resources until the resize is confirmed or reverted, as Nova does since Queens.
CREATE TABLE compute_migration (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    instance_uuid VARCHAR(36) NOT NULL,
    migration_type VARCHAR(32) NOT NULL,
    status VARCHAR(32) NOT NULL,
    source_compute VARCHAR(255),
    dest_compute VARCHAR(255),
    source_node VARCHAR(255),
    dest_node VARCHAR(255),
    old_flavor_id VARCHAR(255),
    new_flavor_id VARCHAR(255),
    project_id VARCHAR(255),
    user_id VARCHAR(255),
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);
CREATE UNIQUE INDEX ux_compute_migration_uuid ON compute_migration (uuid);
CREATE INDEX ix_compute_migration_instance ON compute_migration (instance_uuid);

-- Hosts: the nova-compute service row and its compute node (= its resource provider).
CREATE TABLE compute_service (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    host VARCHAR(255) NOT NULL,
    binary_name VARCHAR(255) NOT NULL,
    disabled SMALLINT NOT NULL,
    disabled_reason VARCHAR(255),
    forced_down SMALLINT NOT NULL,
    last_seen_up BIGINT,
    report_count INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);
CREATE UNIQUE INDEX ux_compute_service_uuid ON compute_service (uuid);
CREATE UNIQUE INDEX ux_compute_service_host_binary ON compute_service (host, binary_name);

CREATE TABLE compute_node (
    id INTEGER NOT NULL PRIMARY KEY,
    uuid VARCHAR(36) NOT NULL,
    host VARCHAR(255) NOT NULL,
    hypervisor_hostname VARCHAR(255) NOT NULL,
    hypervisor_type VARCHAR(255) NOT NULL,
    hypervisor_version BIGINT NOT NULL,
    host_ip VARCHAR(64),
    report TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);
CREATE UNIQUE INDEX ux_compute_node_uuid ON compute_node (uuid);
CREATE UNIQUE INDEX ux_compute_node_host_node ON compute_node (host, hypervisor_hostname);

INSERT INTO compute_id_sequence (name, next_id) VALUES ('instance', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('instance_action', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('instance_action_event', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('instance_fault', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('migration', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('service', 1);
INSERT INTO compute_id_sequence (name, next_id) VALUES ('compute_node', 1);
