-- The image a server's createImage writes to, while the snapshot runs (task_state image_snapshot,
-- image_pending_upload, image_uploading): a restarted conductor resumes the snapshot with it, and a
-- failed or abandoned one deletes that image. Nova passes the id in its RPC cast only; Apiary keeps
-- it so recover() can finish what a dead conductor started. One snapshot per server at a time.
CREATE TABLE compute_snapshot (
    instance_uuid VARCHAR(36) NOT NULL PRIMARY KEY,
    image_id VARCHAR(36) NOT NULL,
    created_at BIGINT NOT NULL
);
