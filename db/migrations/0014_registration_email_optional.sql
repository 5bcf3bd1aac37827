PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`email_key` text,
	`organisation` text NOT NULL,
	`role` text,
	`structure_type` text NOT NULL,
	`access_needs` text,
	`meal` integer DEFAULT false NOT NULL,
	`listed_in_network` integer DEFAULT false NOT NULL,
	`consent_at` integer NOT NULL,
	`status` text NOT NULL,
	`confirmed_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`token_hash` text NOT NULL,
	`token_sealed` text,
	`invite_sequence` integer DEFAULT 0 NOT NULL,
	`queue_rank` integer,
	`anonymised_at` integer,
	`example` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "registrations_status_known" CHECK(status in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "registrations_structure_known" CHECK(structure_type in ('hebergement', 'veille_sociale_115', 'insertion_logement', 'sante_medico_social', 'collectivite', 'services_etat', 'autre')),
	CONSTRAINT "registrations_email_key_lowercase" CHECK("__new_registrations"."email_key" = lower("__new_registrations"."email_key"))
);
--> statement-breakpoint
INSERT INTO `__new_registrations`("id", "edition_id", "first_name", "last_name", "email", "email_key", "organisation", "role", "structure_type", "access_needs", "meal", "listed_in_network", "consent_at", "status", "confirmed_at", "cancelled_at", "checked_in_at", "token_hash", "token_sealed", "invite_sequence", "queue_rank", "anonymised_at", "example", "created_at", "updated_at") SELECT "id", "edition_id", "first_name", "last_name", "email", "email_key", "organisation", "role", "structure_type", "access_needs", "meal", "listed_in_network", "consent_at", "status", "confirmed_at", "cancelled_at", "checked_in_at", "token_hash", "token_sealed", "invite_sequence", "queue_rank", "anonymised_at", "example", "created_at", "updated_at" FROM `registrations`;--> statement-breakpoint
DROP TABLE `registrations`;--> statement-breakpoint
ALTER TABLE `__new_registrations` RENAME TO `registrations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_token_unique` ON `registrations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_one_active_per_email` ON `registrations` (`edition_id`,`email_key`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_edition_status_idx` ON `registrations` (`edition_id`,`status`,`id`);