-- The audit log: append-only, hash-chained. audit_chain holds the head of the chain in one row
-- that every append locks, so records get gap-free sequence numbers on any instance and a
-- deletion at the tail is detected too.
CREATE TABLE audit_record (
    seq         BIGINT       PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    actor_unit  VARCHAR(12)  NOT NULL,
    action      VARCHAR(40)  NOT NULL,
    entity      VARCHAR(40)  NOT NULL,
    entity_id   VARCHAR(64)  NOT NULL,
    detail      VARCHAR(2000) NOT NULL,
    address     VARCHAR(64)  NOT NULL,
    algorithm   VARCHAR(10)  NOT NULL,
    prev_hash   VARCHAR(64)  NOT NULL,
    hash        VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_record_at_idx ON audit_record (at);
CREATE INDEX audit_record_entity_idx ON audit_record (entity, entity_id);
CREATE INDEX audit_record_actor_idx ON audit_record (actor);

CREATE TABLE audit_chain (
    id        INT         PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
