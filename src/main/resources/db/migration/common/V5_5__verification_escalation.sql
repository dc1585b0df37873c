-- a verification not done by its deadline goes to the parent unit, with a new deadline
ALTER TABLE card_verification ADD COLUMN escalations INT DEFAULT 0 NOT NULL;
