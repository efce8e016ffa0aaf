-- A replica that starts again takes back the leases its earlier process held on unsent mails
-- (NotificationSender.releaseOwn): found through this index, which holds only the rows under a lease,
-- not by reading every mail ever sent.
CREATE INDEX notification_mail_leased ON notification_mail (lease_owner) WHERE lease_owner IS NOT NULL;
