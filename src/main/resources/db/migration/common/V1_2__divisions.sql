-- The unit hierarchy: province → city → county → township → village (GB/T 2260 and NBS codes).
-- Loaded once by the Java migration V1_3 from the project's own copy of the Henan division list.
CREATE TABLE division (
    code        VARCHAR(12) PRIMARY KEY,
    name        VARCHAR(80) NOT NULL,
    level       VARCHAR(10) NOT NULL,
    parent_code VARCHAR(12) REFERENCES division (code),
    -- false for statistical groups that have no police unit (4190 省直辖县级行政区划)
    unit        BOOLEAN     NOT NULL,
    CONSTRAINT division_level_check CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'))
);
CREATE INDEX division_parent_idx ON division (parent_code);

-- Obsolete county codes still found in ID numbers and old records.
CREATE TABLE division_alias (
    old_code     VARCHAR(12) PRIMARY KEY,
    old_name     VARCHAR(80) NOT NULL,
    current_code VARCHAR(12) NOT NULL REFERENCES division (code),
    note         VARCHAR(200)
);

-- Number segments (号段): 7-digit mobile prefix → city code, as operators supply them. They take
-- precedence over libphonenumber's geocoder, which knows no city for the newer segments.
CREATE TABLE number_segment (
    prefix        VARCHAR(7)  PRIMARY KEY,
    division_code VARCHAR(12) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(64) NOT NULL
);
