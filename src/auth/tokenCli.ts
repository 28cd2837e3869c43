import { parseArgs } from 'node:util';
import { readConfig } from '../config/index.js';
import { ROLES, type Role } from './roles.js';
import { signToken } from './signToken.js';

const USAGE = `Usage: npm run token -- --role <reader|editor|admin> [--sub <name>] [--expires <8h>]

Prints an HS256 token for AUTH_JWT_SECRET (and AUTH_ISSUER / AUTH_AUDIENCE when set), for
local use: curl -H "Authorization: Bearer $(npm run -s token -- --role editor)" ...`;

/** `npm run token`: a token for local use, signed with the server's own AUTH_JWT_SECRET. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'editor' },
      sub: { type: 'string', default: process.env.USER ? `local:${process.env.USER}` : 'local' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  const config = readConfig().auth;
  if (!config.secret) throw new Error('Set AUTH_JWT_SECRET (the same value the server runs with) to sign a token.');
  const token = await signToken({
    secret: config.secret,
    subject: values.sub,
    roles: [values.role as Role],
    expiresIn: values.expires,
    issuer: config.issuer,
    audience: config.audience,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
