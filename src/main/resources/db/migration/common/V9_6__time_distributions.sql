-- Several distributions of times per unit and day, not only the acknowledgement time: the time to
-- the first attempt to reach a person and to the first confirmed contact join it. The totals are
-- derived data (rebuilt from the capabilities' facts), so the tables are recreated and rebuilt.
DROP TABLE perf_ack;
DROP TABLE perf_ack_month;

CREATE TABLE perf_ack (
    unit_code VARCHAR(12) NOT NULL,
    fact_day  DATE        NOT NULL,
    kind      VARCHAR(30) NOT NULL,
    bucket    INT         NOT NULL,
    n         BIGINT      NOT NULL,
    PRIMARY KEY (unit_code, fact_day, kind, bucket)
);

CREATE TABLE perf_ack_month (
    unit_code  VARCHAR(12) NOT NULL,
    fact_month DATE        NOT NULL,
    kind       VARCHAR(30) NOT NULL,
    bucket     INT         NOT NULL,
    n          BIGINT      NOT NULL,
    PRIMARY KEY (unit_code, fact_month, kind, bucket)
);

UPDATE perf_state SET rebuilt_at = NULL WHERE id = 1;
