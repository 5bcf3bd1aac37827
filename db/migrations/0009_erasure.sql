ALTER TABLE `emails` ADD `correction_id` integer REFERENCES dispositif_corrections(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `emails` ADD `erase_after_send` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `emails` ADD `erased_at` integer;--> statement-breakpoint
CREATE INDEX `emails_contribution_idx` ON `emails` (`contribution_id`);--> statement-breakpoint
CREATE INDEX `emails_correction_idx` ON `emails` (`correction_id`);--> statement-breakpoint
-- drizzle-kit leaves the ON DELETE clause out of ADD COLUMN; it is written by hand above, as the
-- schema says. Rows the previous purge already blanked are marked as such.
UPDATE `emails` SET `erased_at` = coalesce(`sent_at`, `created_at`) WHERE `html` = '(effacé)';
