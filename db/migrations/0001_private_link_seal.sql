ALTER TABLE `contributions` ADD `token_sealed` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `token_sealed` text;