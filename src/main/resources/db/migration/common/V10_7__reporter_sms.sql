-- public reporters are told how their report goes (REPORT)
ALTER TABLE sms_message DROP CONSTRAINT sms_message_purpose_check;
ALTER TABLE sms_message ADD CONSTRAINT sms_message_purpose_check CHECK (purpose IN ('WARNING', 'FOLLOW_UP', 'STAFF', 'REPORT'));
