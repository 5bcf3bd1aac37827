CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer,
	`edition_id` integer NOT NULL,
	`code` text NOT NULL,
	`full_name` text NOT NULL,
	`organisation` text,
	`edition_title` text NOT NULL,
	`theme_names` text,
	`held_on` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`signatory_name` text,
	`signatory_role` text,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "certificates_duration_positive" CHECK("certificates"."duration_minutes" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_one_valid_per_registration` ON `certificates` (`registration_id`) WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX `certificates_edition_idx` ON `certificates` (`edition_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`registration_id` integer,
	`overall` integer NOT NULL,
	`keep` text,
	`change` text,
	`comment` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "survey_responses_overall_range" CHECK("survey_responses"."overall" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_one_per_registration` ON `survey_responses` (`registration_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_edition_idx` ON `survey_responses` (`edition_id`);--> statement-breakpoint
CREATE TABLE `survey_session_scores` (
	`response_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`response_id`, `session_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "survey_session_scores_range" CHECK("survey_session_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX `survey_session_scores_session_idx` ON `survey_session_scores` (`session_id`);--> statement-breakpoint
CREATE TABLE `survey_theme_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`label` text NOT NULL,
	`label_key` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_theme_suggestions_key_idx` ON `survey_theme_suggestions` (`label_key`);--> statement-breakpoint
CREATE INDEX `survey_theme_suggestions_response_idx` ON `survey_theme_suggestions` (`response_id`);--> statement-breakpoint
ALTER TABLE `editions` ADD `signatory_name` text;--> statement-breakpoint
ALTER TABLE `editions` ADD `signatory_role` text;--> statement-breakpoint
ALTER TABLE `editions` ADD `survey_closes_at` integer;