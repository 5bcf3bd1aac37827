CREATE TABLE `article_themes` (
	`article_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`article_id`, `theme_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_themes_theme_idx` ON `article_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`edition_id` integer,
	`title` text NOT NULL,
	`standfirst` text,
	`body_markdown` text DEFAULT '' NOT NULL,
	`further_reading_markdown` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`author_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "articles_status_known" CHECK(status in ('draft', 'published')),
	CONSTRAINT "articles_published_has_date" CHECK("articles"."status" <> 'published' or "articles"."published_at" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_published_idx` ON `articles` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `articles_edition_idx` ON `articles` (`edition_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer,
	`edition_id` integer,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_name` text NOT NULL,
	`original_name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attachments_kind_known" CHECK(kind in ('slides', 'booklet', 'document', 'image')),
	CONSTRAINT "attachments_has_owner" CHECK("attachments"."article_id" is not null or "attachments"."edition_id" is not null),
	CONSTRAINT "attachments_size_nonnegative" CHECK("attachments"."size" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_storage_unique` ON `attachments` (`storage_name`);--> statement-breakpoint
CREATE INDEX `attachments_article_idx` ON `attachments` (`article_id`);--> statement-breakpoint
CREATE INDEX `attachments_edition_idx` ON `attachments` (`edition_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` integer,
	`details` text,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `auth_sessions_expiry_idx` ON `auth_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `contribution_speakers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`organisation` text,
	`email` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contribution_speakers_contribution_idx` ON `contribution_speakers` (`contribution_id`);--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`submitter_name` text NOT NULL,
	`submitter_email` text NOT NULL,
	`submitter_role` text,
	`submitter_organisation` text,
	`title` text NOT NULL,
	`abstract` text NOT NULL,
	`format` text NOT NULL,
	`wished_session_id` integer,
	`availability` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`accepted_session_id` integer,
	`decision_message` text,
	`decided_at` integer,
	`decision_notified_at` integer,
	`locked_at` integer,
	`token_hash` text NOT NULL,
	`invite_sequence` integer DEFAULT 0 NOT NULL,
	`consent_at` integer NOT NULL,
	`anonymised_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`wished_session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "contributions_format_known" CHECK(format in ('table_ronde', 'retour_experience', 'atelier')),
	CONSTRAINT "contributions_status_known" CHECK(status in ('submitted', 'accepted', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contributions_token_unique` ON `contributions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `contributions_edition_idx` ON `contributions` (`edition_id`,`status`);--> statement-breakpoint
CREATE TABLE `dispositifs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`operator` text NOT NULL,
	`category` text NOT NULL,
	`sub_category` text,
	`publics` text,
	`communes` text,
	`description` text,
	`phone` text,
	`email` text,
	`website` text,
	`year` integer,
	`is_example` integer DEFAULT false NOT NULL,
	`retired_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "dispositifs_category_known" CHECK(category in ('insertion', 'veille_sociale', 'sanitaire_social'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispositifs_slug_unique` ON `dispositifs` (`slug`);--> statement-breakpoint
CREATE INDEX `dispositifs_category_idx` ON `dispositifs` (`category`);--> statement-breakpoint
CREATE TABLE `edition_themes` (
	`edition_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`edition_id`, `theme_id`),
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `edition_themes_theme_idx` ON `edition_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `editions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`subtitle` text,
	`summary` text,
	`objectives` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`date_is_illustrative` integer DEFAULT false NOT NULL,
	`venue_id` integer,
	`capacity` integer NOT NULL,
	`waitlist_enabled` integer DEFAULT true NOT NULL,
	`registration_opens_at` integer,
	`registration_closes_at` integer,
	`contributions_opens_at` integer,
	`contributions_closes_at` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "editions_status_known" CHECK(status in ('draft', 'published', 'held', 'archived', 'cancelled')),
	CONSTRAINT "editions_ends_after_start" CHECK("editions"."ends_at" > "editions"."starts_at"),
	CONSTRAINT "editions_capacity_nonnegative" CHECK("editions"."capacity" >= 0),
	CONSTRAINT "editions_sequence_nonnegative" CHECK("editions"."sequence" >= 0),
	CONSTRAINT "editions_registration_window" CHECK("editions"."registration_opens_at" is null or "editions"."registration_closes_at" is null or "editions"."registration_closes_at" > "editions"."registration_opens_at"),
	CONSTRAINT "editions_contributions_window" CHECK("editions"."contributions_opens_at" is null or "editions"."contributions_closes_at" is null or "editions"."contributions_closes_at" > "editions"."contributions_opens_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_slug_unique` ON `editions` (`slug`);--> statement-breakpoint
CREATE INDEX `editions_starts_idx` ON `editions` (`starts_at`);--> statement-breakpoint
CREATE INDEX `editions_status_idx` ON `editions` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`ics` text,
	`ics_method` text,
	`dedupe_key` text,
	`edition_id` integer,
	`registration_id` integer,
	`contribution_id` integer,
	`batch_id` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`message_id` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "emails_status_known" CHECK(status in ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `emails_dedupe_unique` ON `emails` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `emails_due_idx` ON `emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `emails_registration_idx` ON `emails` (`registration_id`);--> statement-breakpoint
CREATE INDEX `emails_batch_idx` ON `emails` (`batch_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`blocked_until` integer
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`organisation` text,
	`email` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `persons_name_idx` ON `persons` (`name`);--> statement-breakpoint
CREATE INDEX `persons_email_idx` ON `persons` (`email`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
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
	`invite_sequence` integer DEFAULT 0 NOT NULL,
	`anonymised_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "registrations_status_known" CHECK(status in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "registrations_structure_known" CHECK(structure_type in ('hebergement', 'veille_sociale_115', 'insertion_logement', 'sante_medico_social', 'collectivite', 'services_etat', 'autre')),
	CONSTRAINT "registrations_email_key_lowercase" CHECK("registrations"."email_key" = lower("registrations"."email_key"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_token_unique` ON `registrations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_one_active_per_email` ON `registrations` (`edition_id`,`email_key`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_edition_status_idx` ON `registrations` (`edition_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reviews_score_range" CHECK("reviews"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_one_per_reviewer` ON `reviews` (`contribution_id`,`reviewer_id`);--> statement-breakpoint
CREATE TABLE `session_persons` (
	`session_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`session_id`, `person_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "session_persons_role_known" CHECK(role in ('intervenant', 'moderateur', 'orateur'))
);
--> statement-breakpoint
CREATE INDEX `session_persons_person_idx` ON `session_persons` (`person_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`position` integer NOT NULL,
	`room` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sessions_kind_known" CHECK(kind in ('accueil', 'ouverture', 'conference', 'table_ronde', 'atelier', 'pause', 'dejeuner', 'cloture')),
	CONSTRAINT "sessions_ends_after_start" CHECK("sessions"."ends_at" > "sessions"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `sessions_edition_idx` ON `sessions` (`edition_id`,`position`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_slug_unique` ON `themes` (`slug`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`totp_secret` text,
	`last_login_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "users_email_lowercase" CHECK("users"."email" = lower("users"."email")),
	CONSTRAINT "users_role_known" CHECK(role in ('admin', 'organiser', 'reviewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `venues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`postcode` text,
	`city` text NOT NULL,
	`access` text,
	`accessibility` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
