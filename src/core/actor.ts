// Who is acting, for the audit log: the OS user and, over SSH, the client address.
import { userInfo } from 'node:os';

export function defaultActor(env: NodeJS.ProcessEnv = process.env): string {
  let user = env.SUDO_USER || env.USER || env.LOGNAME || '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  // SSH_CLIENT = "addr port lport", SSH_CONNECTION = "addr port laddr lport".
  const ssh = (env.SSH_CLIENT || env.SSH_CONNECTION || '').trim().split(/\s+/)[0];
  return ssh ? `${user}@${ssh}` : user;
}
