-- Quota classes (os-quota-class-sets). The class named 'default' supplies the default limits
-- of every project, over the [quota] options, as Nova's DB quota driver does.
CREATE TABLE compute_quota_class (
    class_name VARCHAR(255) NOT NULL,
    resource VARCHAR(64) NOT NULL,
    hard_limit INTEGER NOT NULL,
    PRIMARY KEY (class_name, resource)
);
