// Placeholder until the command line lands (issue 4).
export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('outbound: not built yet\n');
  return 1;
}
