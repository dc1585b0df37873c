-- The first call by an operator and the first visit by an officer, whatever their result: with
-- the machine steps' start times, how soon each person was first tried, per channel.
ALTER TABLE contact_plan ADD COLUMN first_human_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contact_plan ADD COLUMN first_visit_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX contact_plan_opened_idx ON contact_plan (opened_at);
