import { describe, expect, it } from 'vitest';
import { lazyOnce } from './lazy.ts';

describe('lazyOnce', () => {
  it('makes the value on first use only, and every use gets that one', async () => {
    let made = 0;
    const value = lazyOnce(async () => ({ n: ++made }));
    expect(made).toBe(0);
    const [a, b] = await Promise.all([value(), value()]);
    expect(await value()).toBe(a);
    expect(b).toBe(a);
    expect(made).toBe(1);
  });

  it('forgets a failed attempt: the next use tries again', async () => {
    let attempts = 0;
    const value = lazyOnce(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('not installed');
      return 'loaded';
    });
    await expect(value()).rejects.toThrow('not installed');
    expect(await value()).toBe('loaded');
    expect(await value()).toBe('loaded');
    expect(attempts).toBe(2);
  });
});
