-- Personal data of people who were never defrauded is removed after the retention period;
-- the warning stays for the statistics.
ALTER TABLE warning ADD COLUMN anonymised_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX warning_closed_idx ON warning (closed_at);
