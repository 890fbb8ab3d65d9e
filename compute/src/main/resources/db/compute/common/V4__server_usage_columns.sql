-- What a server counts against the cores and ram quotas (the larger of its flavor and, mid-resize,
-- the flavor it is resized to), kept beside the JSON flavors so quota checks are one SUM instead of
-- reading every server's flavor. Rows written before this migration have NULLs; the store reads
-- their flavors instead.
ALTER TABLE compute_instance ADD COLUMN usage_vcpus INTEGER;
ALTER TABLE compute_instance ADD COLUMN usage_memory_mb INTEGER;
