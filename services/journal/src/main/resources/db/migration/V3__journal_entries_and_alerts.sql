-- Exercise log: belt sessions (from form analysis' session summaries) and manual entries.
CREATE TABLE exercise_entry (
    id                      VARCHAR(64)  PRIMARY KEY,
    clinic_id               VARCHAR(64)  NOT NULL,
    wearer_id               VARCHAR(64)  NOT NULL REFERENCES wearer (id) ON DELETE CASCADE,
    source                  VARCHAR(8)   NOT NULL CHECK (source IN ('belt', 'manual')),
    -- belt sessions: the session id is unique, so a summary delivered twice is stored once
    session_id              VARCHAR(64)  UNIQUE,
    event_id                VARCHAR(64),
    belt_id                 VARCHAR(32),
    activity                VARCHAR(40)  NOT NULL,
    exercise_name           VARCHAR(120),
    started_at              TIMESTAMPTZ  NOT NULL,
    ended_at                TIMESTAMPTZ  NOT NULL CHECK (ended_at >= started_at),
    -- training volume: belt time under load, or a manual entry's duration
    volume_ms               BIGINT       NOT NULL CHECK (volume_ms >= 0),
    sets                    INTEGER      CHECK (sets BETWEEN 1 AND 100),
    reps                    INTEGER      CHECK (reps >= 0),
    load_kg                 DOUBLE PRECISION CHECK (load_kg >= 0),
    rpe                     SMALLINT     CHECK (rpe BETWEEN 1 AND 10),
    equipment               VARCHAR(120),
    hold_seconds            DOUBLE PRECISION,
    time_under_load_seconds DOUBLE PRECISION,
    impacts                 INTEGER,
    form_score              SMALLINT     CHECK (form_score BETWEEN 0 AND 100),
    faults                  TEXT         NOT NULL DEFAULT '{}',
    rep_metrics             TEXT         NOT NULL DEFAULT '[]',
    note                    VARCHAR(2000),
    recorded_by             VARCHAR(128) NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL,
    CHECK ((source = 'belt') = (session_id IS NOT NULL))
);
CREATE INDEX exercise_entry_wearer_idx ON exercise_entry (clinic_id, wearer_id, started_at DESC, id DESC);

-- Pain journal. Entries are not edited: a correction is a new entry.
CREATE TABLE pain_entry (
    id                VARCHAR(64)  PRIMARY KEY,
    clinic_id         VARCHAR(64)  NOT NULL,
    wearer_id         VARCHAR(64)  NOT NULL REFERENCES wearer (id) ON DELETE CASCADE,
    recorded_at       TIMESTAMPTZ  NOT NULL,
    exercise_entry_id VARCHAR(64)  REFERENCES exercise_entry (id) ON DELETE SET NULL,
    locations         VARCHAR(64)[] NOT NULL CHECK (cardinality(locations) > 0),
    qualities         VARCHAR(64)[] NOT NULL CHECK (cardinality(qualities) > 0),
    intensity         SMALLINT     NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    onset             VARCHAR(24),
    onset_hours       DOUBLE PRECISION CHECK (onset_hours > 0),
    worse_at          VARCHAR(64)[] NOT NULL DEFAULT '{}',
    triggers          VARCHAR(64)[] NOT NULL DEFAULT '{}',
    triggers_text     VARCHAR(500),
    relieving_factors VARCHAR(64)[] NOT NULL DEFAULT '{}',
    relieving_text    VARCHAR(500),
    symptoms          VARCHAR(64)[] NOT NULL DEFAULT '{}',
    movement_response VARCHAR(16),
    treatments        TEXT         NOT NULL DEFAULT '[]',
    mood              SMALLINT     CHECK (mood BETWEEN 0 AND 10),
    stress            SMALLINT     CHECK (stress BETWEEN 0 AND 10),
    note              VARCHAR(2000),
    recorded_by       VARCHAR(128) NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX pain_entry_wearer_idx ON pain_entry (clinic_id, wearer_id, recorded_at DESC, id DESC);

-- Red flags found in pain entries, one row per flag (an entry raises one alert for all of them).
CREATE TABLE pain_red_flag (
    pain_entry_id VARCHAR(64)  NOT NULL REFERENCES pain_entry (id) ON DELETE CASCADE,
    code          VARCHAR(64)  NOT NULL,
    clinic_id     VARCHAR(64)  NOT NULL,
    wearer_id     VARCHAR(64)  NOT NULL,
    severity      VARCHAR(16)  NOT NULL CHECK (severity IN ('warning', 'critical')),
    rule          VARCHAR(64)  NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (pain_entry_id, code)
);
CREATE INDEX pain_red_flag_wearer_idx ON pain_red_flag (clinic_id, wearer_id, recorded_at);

-- Every alert the journal raised (red flags and advisories), once per cause: the id is the
-- CloudEvents id, deterministic from the cause, so the same cause found again is not raised again.
CREATE TABLE journal_alert (
    alert_id          VARCHAR(64)   PRIMARY KEY,
    clinic_id         VARCHAR(64)   NOT NULL,
    wearer_id         VARCHAR(64)   NOT NULL REFERENCES wearer (id) ON DELETE CASCADE,
    kind              VARCHAR(16)   NOT NULL CHECK (kind IN ('red_flag', 'advisory')),
    code              VARCHAR(64)   NOT NULL,
    severity          VARCHAR(16)   NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    rule              VARCHAR(64)   NOT NULL,
    cause             VARCHAR(128)  NOT NULL,
    reason            VARCHAR(1000) NOT NULL,
    occurred_at       TIMESTAMPTZ   NOT NULL,
    value             DOUBLE PRECISION,
    limit_value       DOUBLE PRECISION,
    unit              VARCHAR(16),
    pain_entry_id     VARCHAR(64)   REFERENCES pain_entry (id) ON DELETE CASCADE,
    details           TEXT          NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ   NOT NULL
);
CREATE INDEX journal_alert_wearer_idx ON journal_alert (clinic_id, wearer_id, occurred_at DESC);
