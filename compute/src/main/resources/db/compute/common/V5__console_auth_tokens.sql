-- Console access (Nova's console_auth_tokens): a token grants one server's console on one host until
-- it expires. Only the token's SHA-256 (hex) is stored, as Nova does, so the table holds nothing a
-- reader could connect with. Times are epoch milliseconds.
CREATE TABLE compute_console_auth_token (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    instance_uuid VARCHAR(36) NOT NULL,
    host VARCHAR(255) NOT NULL,
    console_type VARCHAR(32) NOT NULL,
    access_url_base VARCHAR(255) NOT NULL,
    created_at BIGINT NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX compute_console_auth_token_instance ON compute_console_auth_token (instance_uuid);
CREATE INDEX compute_console_auth_token_expires ON compute_console_auth_token (expires);

-- Each host's console proxy as its agent registers it ([serial_console] base_url): the URL the API
-- hands out for the consoles of that host's servers.
CREATE TABLE compute_console_proxy (
    host VARCHAR(255) NOT NULL PRIMARY KEY,
    base_url VARCHAR(255) NOT NULL,
    updated_at BIGINT NOT NULL
);
