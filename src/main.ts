import { main } from './cli.js';
import type { CliIO } from './cli/io.js';

// Process entry point (bin/gongkai.js, npm start): wires the real streams to the CLI.
const io: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  // eslint-disable-next-line no-restricted-properties -- the entry point hands the environment to config
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const code = await main(process.argv.slice(2), io);
if (code !== 0) process.exit(code);
