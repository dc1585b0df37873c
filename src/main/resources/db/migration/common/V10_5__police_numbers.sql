-- 警号: staff who are police officers carry their police number, so that a person called by
-- someone claiming to be an officer can check that such an officer exists (身份核验)
ALTER TABLE staff ADD COLUMN police_number VARCHAR(12);
CREATE UNIQUE INDEX staff_police_number_uk ON staff (police_number);

-- how many checks were made a day, and how many named an officer: counts, never who asked
CREATE TABLE officer_check_day (
    check_day DATE        NOT NULL,
    outcome   VARCHAR(10) NOT NULL,
    checks    INTEGER     NOT NULL,
    PRIMARY KEY (check_day, outcome)
);
