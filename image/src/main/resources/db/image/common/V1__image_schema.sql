-- Glance v2 tables. Kept to the SQL subset SQLite, PostgreSQL and MariaDB share.
-- Times are epoch milliseconds (BIGINT). A deleted image keeps its row (deleted_at set), as in
-- Glance, so that its id is never handed out again.

CREATE TABLE image_image (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    name VARCHAR(255),
    status VARCHAR(30) NOT NULL,
    visibility VARCHAR(20) NOT NULL,
    protected SMALLINT NOT NULL DEFAULT 0,
    os_hidden SMALLINT NOT NULL DEFAULT 0,
    min_disk INTEGER NOT NULL DEFAULT 0,
    min_ram INTEGER NOT NULL DEFAULT 0,
    owner VARCHAR(255),
    disk_format VARCHAR(20),
    container_format VARCHAR(20),
    size BIGINT,
    virtual_size BIGINT,
    checksum VARCHAR(32),
    os_hash_algo VARCHAR(64),
    os_hash_value VARCHAR(128),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE INDEX ix_image_owner ON image_image (owner);
CREATE INDEX ix_image_visibility ON image_image (visibility);
CREATE INDEX ix_image_created ON image_image (created_at);

CREATE TABLE image_property (
    image_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value TEXT,
    PRIMARY KEY (image_id, name)
);

CREATE TABLE image_tag (
    image_id VARCHAR(36) NOT NULL,
    tag VARCHAR(255) NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (image_id, tag)
);

CREATE TABLE image_member (
    image_id VARCHAR(36) NOT NULL,
    member_id VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (image_id, member_id)
);

CREATE INDEX ix_image_member_member ON image_member (member_id);

-- Interoperable-import tasks, shown by GET /v2/images/{id}/tasks (input and result are JSON text).
CREATE TABLE image_task (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    image_id VARCHAR(36) NOT NULL,
    type VARCHAR(30) NOT NULL,
    status VARCHAR(30) NOT NULL,
    owner VARCHAR(255),
    user_id VARCHAR(255),
    request_id VARCHAR(255),
    input TEXT,
    result TEXT,
    message TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT
);

CREATE INDEX ix_image_task_image ON image_task (image_id);
