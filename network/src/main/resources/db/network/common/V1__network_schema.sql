-- Neutron v2.0 tables. Kept to the SQL subset SQLite, PostgreSQL and MariaDB share.
-- Times are epoch milliseconds (BIGINT); list-valued attributes are JSON text.
-- Uniqueness that matters under concurrency is decided by keys, never by read-then-write:
-- addresses (network_ip_allocation), MACs per network, segment ids, default groups, agents.

CREATE TABLE network_network (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    project_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    admin_state_up SMALLINT NOT NULL,
    shared SMALLINT NOT NULL,
    router_external SMALLINT NOT NULL,
    is_default SMALLINT NOT NULL,
    mtu INTEGER NOT NULL,
    port_security_enabled SMALLINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    az_hints TEXT NOT NULL,
    dns_domain VARCHAR(255),
    network_type VARCHAR(16) NOT NULL,
    physical_network VARCHAR(64),
    segmentation_id INTEGER,
    revision_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_network_project ON network_network (project_id);

-- One row per allocated segment: the primary key makes a VNI, a VLAN of a physical network or a
-- flat physical network belong to one network only. physical_network is '' and
-- segmentation_id 0 where they do not apply.
CREATE TABLE network_segment_allocation (
    network_type VARCHAR(16) NOT NULL,
    physical_network VARCHAR(64) NOT NULL,
    segmentation_id INTEGER NOT NULL,
    network_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (network_type, physical_network, segmentation_id)
);

CREATE TABLE network_subnet (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    network_id VARCHAR(36) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    ip_version INTEGER NOT NULL,
    cidr VARCHAR(64) NOT NULL,
    gateway_ip VARCHAR(64),
    enable_dhcp SMALLINT NOT NULL,
    ipv6_ra_mode VARCHAR(32),
    ipv6_address_mode VARCHAR(32),
    allocation_pools TEXT NOT NULL,
    dns_nameservers TEXT NOT NULL,
    host_routes TEXT NOT NULL,
    revision_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_subnet_network ON network_subnet (network_id);

CREATE TABLE network_port (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    network_id VARCHAR(36) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    mac_address VARCHAR(32) NOT NULL,
    admin_state_up SMALLINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    device_owner VARCHAR(255) NOT NULL,
    device_id VARCHAR(255) NOT NULL,
    host_id VARCHAR(255) NOT NULL,
    vnic_type VARCHAR(64) NOT NULL,
    vif_type VARCHAR(64) NOT NULL,
    vif_details TEXT NOT NULL,
    binding_profile TEXT NOT NULL,
    port_security_enabled SMALLINT NOT NULL,
    allowed_address_pairs TEXT NOT NULL,
    dns_name VARCHAR(255) NOT NULL,
    extra_dhcp_opts TEXT NOT NULL,
    revision_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uq_port_network_mac UNIQUE (network_id, mac_address)
);
CREATE INDEX ix_port_network ON network_port (network_id);
CREATE INDEX ix_port_host ON network_port (host_id);

-- IPAM: an address of a subnet is held by one port at most, on every engine and under any
-- concurrency, because of this primary key.
CREATE TABLE network_ip_allocation (
    subnet_id VARCHAR(36) NOT NULL,
    ip_address VARCHAR(64) NOT NULL,
    port_id VARCHAR(36) NOT NULL,
    network_id VARCHAR(36) NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (subnet_id, ip_address)
);
CREATE INDEX ix_ip_allocation_port ON network_ip_allocation (port_id);

CREATE TABLE network_port_security_group (
    port_id VARCHAR(36) NOT NULL,
    security_group_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (port_id, security_group_id)
);
CREATE INDEX ix_port_sg_group ON network_port_security_group (security_group_id);

CREATE TABLE network_security_group (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    project_id VARCHAR(255) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description VARCHAR(255) NOT NULL,
    stateful SMALLINT NOT NULL,
    revision_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_security_group_project ON network_security_group (project_id);

-- One default group per project, even when two first requests of a project race.
CREATE TABLE network_default_security_group (
    project_id VARCHAR(255) NOT NULL PRIMARY KEY,
    security_group_id VARCHAR(36) NOT NULL
);

CREATE TABLE network_security_group_rule (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    security_group_id VARCHAR(36) NOT NULL,
    project_id VARCHAR(255) NOT NULL,
    direction VARCHAR(16) NOT NULL,
    ethertype VARCHAR(16) NOT NULL,
    protocol VARCHAR(40),
    port_range_min INTEGER,
    port_range_max INTEGER,
    remote_ip_prefix VARCHAR(64),
    remote_group_id VARCHAR(36),
    description VARCHAR(255) NOT NULL,
    revision_number BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_sg_rule_group ON network_security_group_rule (security_group_id);

-- Tags of every resource kind, keyed by the resource id (ids are UUIDs, so they never clash).
CREATE TABLE network_tag (
    resource_id VARCHAR(36) NOT NULL,
    tag VARCHAR(255) NOT NULL,
    PRIMARY KEY (resource_id, tag)
);

CREATE TABLE network_quota (
    project_id VARCHAR(255) NOT NULL,
    resource VARCHAR(64) NOT NULL,
    hard_limit INTEGER NOT NULL,
    PRIMARY KEY (project_id, resource)
);

CREATE TABLE network_agent (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    agent_type VARCHAR(255) NOT NULL,
    binary_name VARCHAR(255) NOT NULL,
    topic VARCHAR(255) NOT NULL,
    host VARCHAR(255) NOT NULL,
    availability_zone VARCHAR(255),
    admin_state_up SMALLINT NOT NULL,
    description VARCHAR(255) NOT NULL,
    configurations TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    CONSTRAINT uq_agent_type_host UNIQUE (agent_type, host)
);

-- DHCP scheduling (dhcp_agents_per_network = 1): a network is served by one agent.
CREATE TABLE network_dhcp_binding (
    network_id VARCHAR(36) NOT NULL PRIMARY KEY,
    agent_id VARCHAR(36) NOT NULL
);
