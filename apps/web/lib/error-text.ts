/**
 * A trial's error as the page shows it: the message and its context, without the stack frames
 * ("    at fn (file:line)"), which say nothing to a user and much about the server.
 */
export function withoutStackFrames(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .trim();
}
