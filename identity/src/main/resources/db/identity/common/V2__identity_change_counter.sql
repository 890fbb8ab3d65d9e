-- Bumped whenever identity data that tokens depend on changes (grants, group membership,
-- implied roles, enabled flags). Controllers poll it with the revocation events, so a cached
-- token validation on one node cannot outlive a change made through another.
CREATE TABLE identity_change_counter (
    id INT NOT NULL PRIMARY KEY,
    counter BIGINT NOT NULL
);
INSERT INTO identity_change_counter (id, counter) VALUES (1, 0);
