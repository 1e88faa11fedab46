import { useEffect, useState } from 'react';

/**
 * The current time for relative labels. A fixed `now` (stories, tests, screenshots) is used as given; otherwise
 * it ticks every 30 s so "Active now" turns into "1 minute ago" without a refetch.
 */
export function useNow(fixed?: Date): Date {
  const [now, setNow] = useState(() => fixed ?? new Date());
  useEffect(() => {
    if (fixed) return;
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [fixed]);
  return fixed ?? now;
}
