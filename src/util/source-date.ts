/**
 * The date written into outputs (PDF CreationDate and ModDate): the
 * SOURCE_DATE_EPOCH of reproducible builds (seconds since 1970) when set,
 * else now. With it, two builds of the same inputs — one machine, or shards
 * on several merged by `lectern course index` — give the same bytes.
 */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
