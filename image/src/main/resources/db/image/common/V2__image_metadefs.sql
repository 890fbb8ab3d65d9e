-- Glance metadata definitions (metadefs): namespaces, the resource types they apply to, and
-- their objects, properties and tags. An item's definition is JSON text, as Glance keeps it.

CREATE TABLE image_md_namespace (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    namespace VARCHAR(80) NOT NULL,
    display_name VARCHAR(80),
    description TEXT,
    visibility VARCHAR(32) NOT NULL,
    protected SMALLINT NOT NULL DEFAULT 0,
    owner VARCHAR(255),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uq_md_namespace UNIQUE (namespace)
);

CREATE TABLE image_md_resource_type (
    name VARCHAR(80) NOT NULL PRIMARY KEY,
    protected SMALLINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE image_md_association (
    namespace_id VARCHAR(36) NOT NULL,
    resource_type VARCHAR(80) NOT NULL,
    prefix VARCHAR(80),
    properties_target VARCHAR(80),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (namespace_id, resource_type)
);

-- kind: object, property or tag
CREATE TABLE image_md_item (
    namespace_id VARCHAR(36) NOT NULL,
    kind VARCHAR(10) NOT NULL,
    name VARCHAR(80) NOT NULL,
    body TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (namespace_id, kind, name)
);
