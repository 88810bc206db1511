// The tab header: " 1 Settings │ 2 Test │ 3 Log ", the active one inverted.
import React from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export function Tabs({ tabs, active }: { tabs: readonly string[]; active: number }) {
  const theme = useTheme();
  return (
    <Box>
      {tabs.map((name, i) => (
        <Text key={name}>
          {i > 0 ? <Text color={theme.color('muted')}>│</Text> : null}
          <Text inverse={i === active} bold={i === active} color={i === active ? theme.color('accent') : undefined}>
            {` ${i + 1} ${name} `}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
