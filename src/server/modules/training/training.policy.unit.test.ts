import { describe, expect, it } from 'vitest';
import { mayEnrol, mayShowCertificate, missingCourses } from './training.policy.ts';

describe('mayEnrol', () => {
  it('allows an open course and refuses an archived one', () => {
    expect(mayEnrol({ status: 'open' })).toEqual({ allowed: true });
    expect(mayEnrol({ status: 'archived' })).toEqual({ allowed: false, reason: 'course_closed' });
  });
});

describe('mayShowCertificate', () => {
  const completed = { status: 'completed' as const, accountId: 'a-1' };
  it('shows a completed enrolment to staff and to its holder', () => {
    expect(mayShowCertificate(completed)).toEqual({ allowed: true });
    expect(mayShowCertificate(completed, 'a-1')).toEqual({ allowed: true });
  });
  it("answers not found for another person's certificate", () => {
    expect(mayShowCertificate(completed, 'a-2')).toEqual({ allowed: false, reason: 'not_found' });
  });
  it('answers not found while the enrolment is not completed', () => {
    expect(mayShowCertificate({ status: 'enrolled', accountId: 'a-1' })).toEqual({
      allowed: false,
      reason: 'not_found',
    });
    expect(mayShowCertificate({ status: 'withdrawn', accountId: 'a-1' }, 'a-1')).toEqual({
      allowed: false,
      reason: 'not_found',
    });
  });
});

describe('missingCourses', () => {
  const required = [
    { role: 'peer_supporter', courseId: 'c-1' },
    { role: 'peer_supporter', courseId: 'c-2' },
  ];
  it('lists the required courses not completed yet', () => {
    expect(missingCourses(required, new Set(['c-1']))).toEqual([required[1]]);
  });
  it('lists none when all are completed, and all when none is', () => {
    expect(missingCourses(required, new Set(['c-1', 'c-2']))).toEqual([]);
    expect(missingCourses(required, new Set())).toEqual(required);
  });
});
