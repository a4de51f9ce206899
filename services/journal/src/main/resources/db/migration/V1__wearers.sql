-- Wearers: every wearer belongs to one clinic. Their id is the `sub` of their own tokens.
CREATE TABLE wearer (
    id            VARCHAR(64)  PRIMARY KEY,
    clinic_id     VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(120) NOT NULL,
    birth_year    INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
    created_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX wearer_clinic_idx ON wearer (clinic_id, id);
