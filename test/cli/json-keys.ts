export const JSON_KEYS = ['id', 'status', 'createdAt', 'sentAt', 'from', 'fromSource', 'to', 'cc', 'subject', 'attempts', 'lastError', 'smtpResponse', 'messageId', 'origin'];
