-- Notifications to people (issue 19 item 1): who wants mail and how, what each person is to be told,
-- and the mails themselves as an outbox the sender drains. README "Notifications".

-- A person who saved notification preferences (PUT /report/v1/notification-preferences/me): the e-mail
-- address, roles and org units come from that person's access token (Keycloak, editable by administrators
-- only) and are refreshed on every save. Staff data only, never data of a person a case concerns.
CREATE TABLE notification_recipient (
    username     varchar(255) PRIMARY KEY,
    email        varchar(320) NOT NULL,
    delivery     varchar(20)  NOT NULL CHECK (delivery IN ('IMMEDIATE', 'DAILY_DIGEST', 'OFF')),
    roles        varchar(64)[] NOT NULL,
    org_unit_ids uuid[]       NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE INDEX notification_recipient_units ON notification_recipient USING gin (org_unit_ids);

-- One e-mail, rendered when it was decided (subject and text from the Qute templates), sent by the
-- NotificationSender: claimed under a lease (FOR UPDATE SKIP LOCKED), marked SENT after the SMTP server
-- accepted it. message_id is stable per mail, so a resend after a crash is recognisable to mail clients.
CREATE TABLE notification_mail (
    id             uuid PRIMARY KEY,
    message_id     varchar(200) NOT NULL UNIQUE,
    username       varchar(255) NOT NULL,
    email          varchar(320) NOT NULL,
    kind           varchar(20)  NOT NULL CHECK (kind IN ('IMMEDIATE', 'DAILY_DIGEST')),
    digest_day     date,
    subject        varchar(300) NOT NULL,
    body           text         NOT NULL,
    status         varchar(20)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts       integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner    varchar(200),
    lease_until    timestamptz,
    last_error     varchar(300),
    created_at     timestamptz  NOT NULL,
    sent_at        timestamptz,
    CHECK ((kind = 'DAILY_DIGEST') = (digest_day IS NOT NULL))
);
-- one digest per person and day, whichever replica builds it
CREATE UNIQUE INDEX notification_mail_one_digest ON notification_mail (username, digest_day) WHERE kind = 'DAILY_DIGEST';
CREATE INDEX notification_mail_due ON notification_mail (next_attempt_at) WHERE status = 'PENDING';

-- What one person is told about one event (a deadline coming up or passed, a report ready for approval),
-- once per event and person whatever is redelivered. An immediate item has its mail at once; a digest item
-- waits (mail_id null) until the person's daily digest takes it.
CREATE TABLE notification_item (
    id           uuid PRIMARY KEY,
    event_id     varchar(200) NOT NULL,
    username     varchar(255) NOT NULL,
    reason       varchar(20)  NOT NULL CHECK (reason IN ('RESPONSIBLE', 'ESCALATION')),
    topic        varchar(40)  NOT NULL,
    what         varchar(300) NOT NULL,
    due_text     varchar(100),
    overdue      boolean      NOT NULL,
    org_unit_id  uuid,
    unit_name    varchar(300),
    link         varchar(1000) NOT NULL,
    created_at   timestamptz  NOT NULL,
    mail_id      uuid REFERENCES notification_mail (id),
    UNIQUE (event_id, username)
);
CREATE INDEX notification_item_pending ON notification_item (username, created_at) WHERE mail_id IS NULL;
