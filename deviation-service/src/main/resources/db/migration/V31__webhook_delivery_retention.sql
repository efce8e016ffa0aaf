-- Issue 19 item 2: delivered deliveries are kept kvalitet.webhooks.delivered-retention (default 30 days); the hourly
-- purge finds the old ones through this index without reading the rows still to be sent or dead-lettered.
CREATE INDEX webhook_delivery_delivered ON webhook_delivery (delivered_at) WHERE status = 'DELIVERED';
