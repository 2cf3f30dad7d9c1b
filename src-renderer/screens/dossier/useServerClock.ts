import { stayDateInZone } from '../../../src-shared/domain';
import { useQuery } from '../../hooks';

export interface ServerClock {
  ready: boolean;
  now(): Date;
  /** The agency's calendar date. */
  today(timeZone: string): string;
}

/**
 * Main's clock, which may be pinned (--now) for demos and tests: option expiry, "today" and
 * lapsed options must agree with what main will decide, not with the workstation's own clock.
 */
export function useServerClock(): ServerClock {
  const info = useQuery('app/info', {}, []);
  const now = () => (info.data?.clockPinned ? new Date(info.data.now) : new Date());
  return { ready: info.data !== null, now, today: (timeZone) => stayDateInZone(now(), timeZone) };
}
