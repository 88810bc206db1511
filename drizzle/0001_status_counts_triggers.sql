-- Queue counters kept by triggers, so the status bar never scans the Log.
INSERT OR IGNORE INTO `status_counts` (`status`, `count`) VALUES ('queued', 0), ('sending', 0), ('sent', 0), ('deferred', 0), ('failed', 0);
--> statement-breakpoint
UPDATE `status_counts` SET `count` = (SELECT count(*) FROM `emails` WHERE `emails`.`status` = `status_counts`.`status`);
--> statement-breakpoint
CREATE TRIGGER `emails_count_insert` AFTER INSERT ON `emails`
BEGIN
  UPDATE `status_counts` SET `count` = `count` + 1 WHERE `status` = NEW.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `emails_count_delete` AFTER DELETE ON `emails`
BEGIN
  UPDATE `status_counts` SET `count` = `count` - 1 WHERE `status` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `emails_count_update` AFTER UPDATE OF `status` ON `emails`
WHEN OLD.`status` <> NEW.`status`
BEGIN
  UPDATE `status_counts` SET `count` = `count` - 1 WHERE `status` = OLD.`status`;
  UPDATE `status_counts` SET `count` = `count` + 1 WHERE `status` = NEW.`status`;
END;
