CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit` (`at`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`smtp_code` integer,
	`response` text DEFAULT '' NOT NULL,
	`error_code` text DEFAULT '' NOT NULL,
	`diagnosis` text DEFAULT '' NOT NULL,
	`transcript` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`email_id`) REFERENCES `emails`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attempts_outcome_check" CHECK("delivery_attempts"."outcome" IN ('sent', 'deferred', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `attempts_email_idx` ON `delivery_attempts` (`email_id`);--> statement-breakpoint
CREATE INDEX `attempts_finished_idx` ON `delivery_attempts` (`finished_at`,`outcome`);--> statement-breakpoint
CREATE TABLE `email_bodies` (
	`email_id` integer PRIMARY KEY NOT NULL,
	`raw` blob NOT NULL,
	FOREIGN KEY (`email_id`) REFERENCES `emails`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `email_readers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`reply_address` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `readers_name_idx` ON `email_readers` (`name`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`status` text NOT NULL,
	`from_address` text NOT NULL,
	`from_source` text NOT NULL,
	`to` text NOT NULL,
	`cc` text DEFAULT '' NOT NULL,
	`bcc` text DEFAULT '' NOT NULL,
	`envelope` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`size` integer NOT NULL,
	`message_id` text DEFAULT '' NOT NULL,
	`origin` text DEFAULT 'cli' NOT NULL,
	`template_id` integer,
	`desk_id` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`lease_owner` text DEFAULT '' NOT NULL,
	`last_attempt_at` integer DEFAULT 0 NOT NULL,
	`sent_at` integer DEFAULT 0 NOT NULL,
	`last_error` text DEFAULT '' NOT NULL,
	`smtp_response` text DEFAULT '' NOT NULL,
	`forwarded_from_id` integer,
	CONSTRAINT "emails_status_check" CHECK("emails"."status" IN ('queued', 'sending', 'sent', 'deferred', 'failed')),
	CONSTRAINT "emails_from_source_check" CHECK("emails"."from_source" IN ('procedure', 'template', 'desk', 'default'))
);
--> statement-breakpoint
CREATE INDEX `emails_claim_idx` ON `emails` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `emails_lease_idx` ON `emails` (`status`,`lease_until`);--> statement-breakpoint
CREATE INDEX `emails_created_idx` ON `emails` (`created_at`);--> statement-breakpoint
CREATE INDEX `emails_status_idx` ON `emails` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `emails_from_idx` ON `emails` (`from_address`,`id`);--> statement-breakpoint
CREATE INDEX `emails_from_source_idx` ON `emails` (`from_source`,`id`);--> statement-breakpoint
CREATE INDEX `emails_to_idx` ON `emails` (`to`,`id`);--> statement-breakpoint
CREATE INDEX `emails_cc_idx` ON `emails` (`cc`,`id`);--> statement-breakpoint
CREATE INDEX `emails_subject_idx` ON `emails` (`subject`,`id`);--> statement-breakpoint
CREATE INDEX `emails_attempts_idx` ON `emails` (`attempts`,`id`);--> statement-breakpoint
CREATE INDEX `emails_next_attempt_idx` ON `emails` (`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `emails_sent_idx` ON `emails` (`sent_at`,`id`);--> statement-breakpoint
CREATE INDEX `emails_last_error_idx` ON `emails` (`last_error`,`id`);--> statement-breakpoint
CREATE INDEX `emails_origin_idx` ON `emails` (`origin`,`id`);--> statement-breakpoint
CREATE INDEX `emails_size_idx` ON `emails` (`size`,`id`);--> statement-breakpoint
CREATE INDEX `emails_purge_idx` ON `emails` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `emails_forwarded_from_idx` ON `emails` (`forwarded_from_id`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`from_address` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_name_idx` ON `message_templates` (`name`);--> statement-breakpoint
CREATE TABLE `service_desks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email_reader_id` integer,
	FOREIGN KEY (`email_reader_id`) REFERENCES `email_readers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `desks_name_idx` ON `service_desks` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`host` text DEFAULT 'localhost' NOT NULL,
	`port` integer DEFAULT 25 NOT NULL,
	`username` text DEFAULT '' NOT NULL,
	`password` text DEFAULT '' NOT NULL,
	`security` text DEFAULT 'starttls' NOT NULL,
	`verify_certificates` integer DEFAULT true NOT NULL,
	`days_to_keep` integer DEFAULT 30 NOT NULL,
	`default_sender` text DEFAULT '' NOT NULL,
	`auto_delivery` integer DEFAULT false NOT NULL,
	`auto_delivery_changed_at` integer DEFAULT 0 NOT NULL,
	`auto_delivery_changed_by` text DEFAULT '' NOT NULL,
	`max_connections` integer DEFAULT 5 NOT NULL,
	`rate_limit_per_second` integer DEFAULT 0 NOT NULL,
	`max_lifetime_hours` integer DEFAULT 120 NOT NULL,
	`updated_at` integer DEFAULT 0 NOT NULL,
	`updated_by` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_counts` (
	`status` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ui_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
