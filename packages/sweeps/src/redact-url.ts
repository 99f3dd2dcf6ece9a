// scheme://user:password@host in any text (an error message, a stack) becomes scheme://user:***@host:
// what the web, worker and CLI print of a DATABASE_URL or REDIS_URL never carries its password.
const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

/** The text with the password of every URL in it replaced by `***`. */
export function redactUrlPasswords(text: string): string {
  return text.replace(CREDENTIALS, '$1$2:***@');
}
