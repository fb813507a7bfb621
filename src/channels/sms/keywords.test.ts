import { describe, expect, it } from 'vitest';
import { optInKeywords, optOutKeywords, smsKeyword } from './keywords.ts';

describe('smsKeyword', () => {
  it('finds each opt-out and opt-in keyword as the first word, in any case', () => {
    for (const keyword of optOutKeywords) {
      expect(smsKeyword(keyword.toLowerCase())).toEqual({ keyword, intent: 'opt_out' });
    }
    for (const keyword of optInKeywords) expect(smsKeyword(` ${keyword} `)).toEqual({ keyword, intent: 'opt_in' });
  });

  it.each([
    ['stop please', 'STOP'],
    ['STOP.', 'STOP'],
    ['Stop!!! no more', 'STOP'],
    ['stop,please', 'STOP'],
    ['"Stop"', 'STOP'],
    ['opt-out', 'OPTOUT'],
    ['\n  Unsubscribe me', 'UNSUBSCRIBE'],
  ])('%j opts out with %s', (body, keyword) => {
    expect(smsKeyword(body)).toEqual({ keyword, intent: 'opt_out' });
  });

  it.each(['Stopping by later', 'Please stop', 'I will pay on Friday', 'STOPP', 'start-up costs', '', '   '])('%j is no keyword', (body) => {
    expect(smsKeyword(body)).toBeNull();
  });
});
