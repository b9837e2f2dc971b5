/** Operations per second of `run` over about `measureMs`, after a warm-up of 2,000 calls; `batch` calls between clock reads. */
export function rate(run: () => unknown, { measureMs = 300, batch = 500 }: { measureMs?: number; batch?: number } = {}): number {
  for (let i = 0; i < 2000; i += 1) run();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < measureMs) {
    for (let i = 0; i < batch; i += 1) run();
    count += batch;
    elapsed = performance.now() - start;
  }
  return (count * 1000) / elapsed;
}
