CREATE TABLE `dispositif_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dispositif_id` integer NOT NULL,
	`requester_name` text NOT NULL,
	`requester_email` text NOT NULL,
	`field` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`handled_at` integer,
	`handled_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`dispositif_id`) REFERENCES `dispositifs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "dispositif_corrections_field_known" CHECK(field in ('name', 'operator', 'category', 'publics', 'territory', 'description', 'phone', 'email', 'website', 'closed', 'other')),
	CONSTRAINT "dispositif_corrections_status_known" CHECK(status in ('new', 'done'))
);
--> statement-breakpoint
CREATE INDEX `dispositif_corrections_status_idx` ON `dispositif_corrections` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `dispositif_corrections_dispositif_idx` ON `dispositif_corrections` (`dispositif_id`);