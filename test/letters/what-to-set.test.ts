import { describe, expect, it } from 'vitest';
import { whatToSet } from '../../src/cli/commands/start.ts';

describe('what the first start tells the owner to set', () => {
  it('names the return address, the sender and the payment instructions while they are missing', () => {
    const text = whatToSet({ name: 'My Business', sender_name: 'My Business', sender_email: null, postal_address: [] }).join('\n');
    expect(text).toMatch(/postal address.*arrears org set --address/);
    expect(text).toMatch(/arrears org set --sender-name/);
    expect(text).toMatch(/arrears org set --sender-email/);
    expect(text).toMatch(/how debtors pay you/);
  });

  it('leaves out what is set', () => {
    const text = whatToSet({ name: 'Northwind', sender_name: 'Sarah Collins', sender_email: 'a@northwind.test', postal_address: ['1 Quay Street'] }).join('\n');
    expect(text).not.toMatch(/--address|--sender-name|--sender-email/);
  });
});
