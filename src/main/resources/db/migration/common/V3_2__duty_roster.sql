-- 值班表: who is on duty in a unit, per day (China time). Notices to a unit go to them.
CREATE TABLE duty_roster (
    unit_code VARCHAR(12) NOT NULL REFERENCES division (code),
    duty_day  DATE        NOT NULL,
    staff_id  BIGINT      NOT NULL REFERENCES staff (id),
    PRIMARY KEY (unit_code, duty_day, staff_id)
);
ALTER TABLE notice ADD COLUMN recipients VARCHAR(500);
