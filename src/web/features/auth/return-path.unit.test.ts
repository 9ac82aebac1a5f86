import { describe, expect, it } from 'vitest';
import { isConsoleReturnPath } from '../../api/session.ts';

describe('the page to come back to after signing in again (issue 22)', () => {
  it('takes console addresses of this site', () => {
    for (const ok of [
      '/console',
      '/console/support/persons/5a99',
      '/console?x=1',
      '/console/support?sort=review',
    ])
      expect(isConsoleReturnPath(ok), ok).toBe(true);
  });

  it('refuses anything that could lead elsewhere (no open redirect)', () => {
    for (const bad of [
      'https://evil.example/console',
      '//evil.example/console',
      '/console//evil.example',
      '/console\\evil',
      '/consoleevil',
      '/places',
      'javascript:alert(1)',
      `/console/${'a'.repeat(600)}`,
      42,
      null,
    ])
      expect(isConsoleReturnPath(bad), String(bad)).toBe(false);
  });
});
