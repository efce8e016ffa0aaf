-- Notifications to people (issue 19 item 1), the directory: the responsible people are mailed without ever saving
-- preferences. DirectorySync reads Keycloak's admin API (a service account of its own) and keeps one row per person
-- holding a notified role, marked as from the directory; a row the person saved (PUT .../notification-preferences/me)
-- is marked PERSON and its delivery is never changed by the sync. README "Notifications", recipients.

ALTER TABLE notification_recipient
    ADD COLUMN source varchar(20) NOT NULL DEFAULT 'PERSON' CHECK (source IN ('PERSON', 'DIRECTORY')),
    -- when the sync last found the person enabled with an address and a notified role (null: never)
    ADD COLUMN directory_seen_at timestamptz;

-- The sync's own state, one row: one replica syncs at a time (pg_try_advisory_lock), and a replica that finds the
-- last good run younger than the interval skips (replicas start at different times). Counts only, no person.
CREATE TABLE notification_directory_sync (
    id              smallint PRIMARY KEY CHECK (id = 1),
    last_attempt_at timestamptz,
    last_success_at timestamptz,
    last_error      varchar(300),
    people          integer,
    added           integer,
    updated         integer,
    removed         integer
);
INSERT INTO notification_directory_sync (id) VALUES (1);

-- the failed mails' list (GET /report/v1/notifications/failed): newest first, without reading the sent ones
CREATE INDEX notification_mail_failed ON notification_mail (created_at DESC, id) WHERE status = 'FAILED';
