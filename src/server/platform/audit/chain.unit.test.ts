import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, isChainName } from './chain.ts';
import { parseHeadsFile } from './heads.ts';

const row = {
  chain: '192015',
  seq: 1,
  at: new Date('2026-04-01T00:00:00.123Z'),
  actorAccountId: '0f0e0d0c-0b0a-4908-8706-050403020100',
  actorRole: 'consultation',
  action: 'support.person.read',
  recordType: 'person',
  recordId: '7d1c2a0e-4b5f-4c6d-8e9f-a0b1c2d3e4f5',
  requestId: 'req-1',
  outcome: 'ok',
};

describe('audit chain hashing', () => {
  it('serialises fields in a fixed order with nulls spelled out', () => {
    expect(canonicalJson({ ...row, actorRole: null })).toBe(
      '{"action":"support.person.read","actorAccountId":"0f0e0d0c-0b0a-4908-8706-050403020100","actorRole":null,' +
        '"at":"2026-04-01T00:00:00.123Z","chain":"192015","outcome":"ok","recordId":"7d1c2a0e-4b5f-4c6d-8e9f-a0b1c2d3e4f5",' +
        '"recordType":"person","requestId":"req-1","seq":1}',
    );
  });

  it('is pinned: changing the canonical form would invalidate every stored chain', () => {
    // Computed independently: printf '%s%s' "$(64 zeros)" '<canonical JSON>' | sha256sum
    expect(chainHash(GENESIS_HASH, row)).toBe(
      '20c594a8bda729ad9d9515a69d8bff67c248c1a745120358a9854a9d68635f1e',
    );
  });

  it('changes with any field, the previous hash and the order', () => {
    const base = chainHash(GENESIS_HASH, row);
    expect(chainHash(GENESIS_HASH, { ...row, seq: 2 })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...row, recordId: 'x' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...row, at: new Date(row.at.getTime() + 1) })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...row, outcome: 'denied' })).not.toBe(base);
    expect(chainHash('f'.repeat(64), row)).not.toBe(base);
  });

  it('accepts tenant codes and national as chain names only', () => {
    expect(isChainName('192015')).toBe(true);
    expect(isChainName('national')).toBe(true);
    expect(isChainName('19201')).toBe(false);
    expect(isChainName("192015' or 1=1")).toBe(false);
  });
});

describe('heads file', () => {
  it('reads valid lines and numbers the bad ones', () => {
    const good = JSON.stringify({ chain: '192015', seq: 3, hash: 'a'.repeat(64), at: 'x', exportedAt: 'y' });
    const text = [good, '{"chain":"192015","seq":0,"hash":"aa"}', '', 'not json', good].join('\n');
    const { heads, badLines } = parseHeadsFile(text);
    expect(heads).toHaveLength(2);
    expect(heads[0]).toMatchObject({ chain: '192015', seq: 3 });
    expect(badLines).toEqual([2, 4]);
  });
});
