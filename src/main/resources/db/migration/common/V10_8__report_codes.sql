-- where SMS is configured, a reporter proves the phone is theirs with a code texted to it: kept as
-- a hash, for ten minutes, five tries, used once
CREATE TABLE report_phone_code (
    phone      VARCHAR(20) PRIMARY KEY,
    code_hash  VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts   INTEGER     NOT NULL
);
