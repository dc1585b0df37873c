-- Names that imitate a protected brand, met by checks: for review, never blocked on that ground alone.
CREATE TABLE suspicious_name (
    name       VARCHAR(253) PRIMARY KEY,
    imitates   VARCHAR(50)  NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    checks     BIGINT       NOT NULL,
    state      VARCHAR(10)  NOT NULL CHECK (state IN ('OPEN', 'BLOCKED', 'DISMISSED')),
    decided_by VARCHAR(100)
);
CREATE INDEX suspicious_name_state_idx ON suspicious_name (state, checks);
