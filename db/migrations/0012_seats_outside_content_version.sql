-- Registrations no longer bump the content version: during a registration rush every POST would
-- otherwise empty the page cache for every public page. Pages that show a seat count are kept
-- for a few seconds only instead (docs/decisions/019-seats-at-a-glance.md).
DROP TRIGGER IF EXISTS `content_version_registrations_ins`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `content_version_registrations_upd`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `content_version_registrations_del`;
