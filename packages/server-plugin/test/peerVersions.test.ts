import expressPackage from 'express/package.json';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';

// The matrix run swaps the packages under the suite through aliases; a typo there would run Express 5 twice
// and report Express 4 as tested.
describe('the peer majors this run is for', () => {
  it(`runs on Express ${process.env.SESSIONKIT_EXPRESS_MAJOR ?? '5'}`, () => {
    expect(expressPackage.version.split('.')[0]).toBe(process.env.SESSIONKIT_EXPRESS_MAJOR ?? '5');
  });

  it(`runs on mongoose ${process.env.SESSIONKIT_MONGOOSE_MAJOR ?? '9'}`, () => {
    expect(mongoose.version.split('.')[0]).toBe(process.env.SESSIONKIT_MONGOOSE_MAJOR ?? '9');
  });
});
