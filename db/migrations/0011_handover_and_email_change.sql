CREATE TABLE `registration_email_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`new_email` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_email_changes_hash_unique` ON `registration_email_changes` (`token_hash`);--> statement-breakpoint
CREATE INDEX `registration_email_changes_registration_idx` ON `registration_email_changes` (`registration_id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `queue_rank` integer;