// Reading standard input (message bodies, passwords, raw messages).

/** All of stdin as bytes. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** True when stdin is a terminal (nobody piped anything). */
export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}
