CREATE TABLE `content_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "content_version_single_row" CHECK("content_version"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Every write to a table that public pages show bumps the version the response cache keys on.
INSERT INTO `content_version` (`id`, `version`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `content_version_themes_ins` AFTER INSERT ON `themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_themes_upd` AFTER UPDATE ON `themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_themes_del` AFTER DELETE ON `themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_venues_ins` AFTER INSERT ON `venues` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_venues_upd` AFTER UPDATE ON `venues` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_venues_del` AFTER DELETE ON `venues` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_editions_ins` AFTER INSERT ON `editions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_editions_upd` AFTER UPDATE ON `editions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_editions_del` AFTER DELETE ON `editions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_edition_themes_ins` AFTER INSERT ON `edition_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_edition_themes_upd` AFTER UPDATE ON `edition_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_edition_themes_del` AFTER DELETE ON `edition_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_sessions_ins` AFTER INSERT ON `sessions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_sessions_upd` AFTER UPDATE ON `sessions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_sessions_del` AFTER DELETE ON `sessions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_persons_ins` AFTER INSERT ON `persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_persons_upd` AFTER UPDATE ON `persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_persons_del` AFTER DELETE ON `persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_session_persons_ins` AFTER INSERT ON `session_persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_session_persons_upd` AFTER UPDATE ON `session_persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_session_persons_del` AFTER DELETE ON `session_persons` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contributions_ins` AFTER INSERT ON `contributions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contributions_upd` AFTER UPDATE ON `contributions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contributions_del` AFTER DELETE ON `contributions` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contribution_speakers_ins` AFTER INSERT ON `contribution_speakers` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contribution_speakers_upd` AFTER UPDATE ON `contribution_speakers` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_contribution_speakers_del` AFTER DELETE ON `contribution_speakers` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_registrations_ins` AFTER INSERT ON `registrations` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_registrations_upd` AFTER UPDATE ON `registrations` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_registrations_del` AFTER DELETE ON `registrations` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_articles_ins` AFTER INSERT ON `articles` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_articles_upd` AFTER UPDATE ON `articles` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_articles_del` AFTER DELETE ON `articles` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_article_themes_ins` AFTER INSERT ON `article_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_article_themes_upd` AFTER UPDATE ON `article_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_article_themes_del` AFTER DELETE ON `article_themes` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_attachments_ins` AFTER INSERT ON `attachments` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_attachments_upd` AFTER UPDATE ON `attachments` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_attachments_del` AFTER DELETE ON `attachments` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_dispositifs_ins` AFTER INSERT ON `dispositifs` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_dispositifs_upd` AFTER UPDATE ON `dispositifs` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `content_version_dispositifs_del` AFTER DELETE ON `dispositifs` BEGIN UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
