import { describe, expect, it } from 'vitest';
import { checkAppGrant } from './credentialInput.js';

describe('checkAppGrant', () => {
  it('takes any rights the host names when it issues the grant itself', () => {
    expect(checkAppGrant({ name: 'Fleet Mobile', rights: ['read:vehicles'] }).scopes).toEqual([
      'read:vehicles',
    ]);
  });

  it('holds a person connecting an app to at least one of the rights the server offers, naming the field', () => {
    const offered = ['read', 'write'];
    expect(checkAppGrant({ name: 'Site', rights: ['read'] }, offered).scopes).toEqual(['read']);
    expect(() => checkAppGrant({ name: 'Site', rights: [] }, offered)).toThrow(
      expect.objectContaining({ field: 'rights', message: 'rights: choose at least one' }),
    );
    expect(() => checkAppGrant({ name: 'Site', rights: ['read', 'root'] }, offered)).toThrow(
      expect.objectContaining({ field: 'rights', message: expect.stringContaining('"root"') }),
    );
  });
});
