-- The public's limits (per phone, per address, per hour) as Bucket4j buckets, shared by every
-- instance: the state is Bucket4j's, expires_at (epoch milliseconds) lets spent buckets be removed
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(150) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);
