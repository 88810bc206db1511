// A small spinner for work in progress (Send test, Verify).
import React, { useEffect, useState } from 'react';
import { Text } from 'ink';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label, color }: { label?: string; color?: string }) {
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((n) => (n + 1) % FRAMES.length), 100);
    return () => clearInterval(t);
  }, []);
  return (
    <Text>
      <Text color={color}>{FRAMES[i]}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
