export interface EmailJsonRow {
  id: number;
  status: string;
  createdAt: string;
  sentAt: string | null;
  from: string;
  fromSource: string;
  to: string;
  cc: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  smtpResponse: string | null;
  messageId: string;
  origin: string;
}
