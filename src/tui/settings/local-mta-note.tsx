// What "localhost" means: hand mail to this machine's own MTA.
import React from 'react';
import { Text } from 'ink';
import { useTheme } from '../theme.js';

export const LOCAL_MTA_NOTE =
  'localhost = this machine\'s own MTA (Postfix, Exim…): it must be running and able to resolve DNS, and "sent" only means it accepted the message (check `mailq`).';

export function LocalMtaNote() {
  const theme = useTheme();
  return <Text color={theme.color('warn')} wrap="wrap">ⓘ {LOCAL_MTA_NOTE}</Text>;
}
