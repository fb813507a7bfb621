import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './twilio-signature.ts';

// The worked example of Twilio's webhook security documentation.
const token = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = Object.entries({ CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' });
const documented = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('X-Twilio-Signature', () => {
  it('matches the provider’s documented example, whatever the order of the parameters', () => {
    expect(twilioSignature(token, url, params)).toBe(documented);
    expect(twilioSignature(token, url, [...params].reverse())).toBe(documented);
    expect(isValidTwilioSignature(token, url, params, documented)).toBe(true);
  });

  it('fails for another token, URL, parameter value, extra parameter, or no signature', () => {
    expect(isValidTwilioSignature('54321', url, params, documented)).toBe(false);
    expect(isValidTwilioSignature(token, 'https://mycompany.com/myapp.php?foo=1&bar=3', params, documented)).toBe(false);
    expect(isValidTwilioSignature(token, url, params.map(([k, v]) => [k, k === 'Digits' ? '1235' : v] as const), documented)).toBe(false);
    expect(isValidTwilioSignature(token, url, [...params, ['Body', 'STOP']], documented)).toBe(false);
    expect(isValidTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(isValidTwilioSignature(token, url, params, 'short')).toBe(false);
  });
});
