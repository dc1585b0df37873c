-- Which staff member has read which notice: the badge counts unread notices only.
CREATE TABLE notice_read (
    notice_id BIGINT NOT NULL REFERENCES notice (id),
    staff_id  BIGINT NOT NULL,
    read_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (notice_id, staff_id)
);
