// How a person at the command line is named on the timeline: there is no login, so the operating
// system's user name stands in.
import { userInfo } from 'node:os';

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // no passwd entry (some containers)
    return 'cli';
  }
}
