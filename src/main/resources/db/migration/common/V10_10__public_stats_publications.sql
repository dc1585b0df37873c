-- 公开数据: each day's publication (08:00 Asia/Shanghai) of a period's figures for a unit, kept as
-- published: a late fact does not change figures the public has already seen; the next day's
-- publication carries it
CREATE TABLE public_stats_publication (
    published_on DATE          NOT NULL,
    period_from  DATE          NOT NULL,
    period_to    DATE          NOT NULL,
    unit_code    VARCHAR(12)   NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT public_stats_publication_pk PRIMARY KEY (published_on, period_from, period_to, unit_code)
);
