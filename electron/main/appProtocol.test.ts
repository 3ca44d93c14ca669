import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { TALARIA_FUSES } from '../../scripts/packaging/fuses';
import { CONTENT_SECURITY_POLICY } from '../host/staticFiles';
import {
  APP_ENTRY_URL,
  SHELL_CONTENT_SECURITY_POLICY,
  appFileFor,
  appResponseHeaders,
  isTrustedUrl,
} from './appProtocol';

describe('the desktop shell’s trust and serving rules', () => {
  it('trusts only app://talaria, and never throws on odd URLs', () => {
    expect(isTrustedUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedUrl('app://talaria/#/chat/1')).toBe(true);
    for (const url of [
      'file://host/x',
      'file:///etc/passwd',
      'file://',
      'app://evil/index.html',
      'https://talaria/index.html',
      'javascript:alert(1)',
      'not a url',
      '',
      'http://[::1',
    ]) {
      expect(() => isTrustedUrl(url)).not.toThrow();
      expect(isTrustedUrl(url), url).toBe(false);
    }
    expect(isTrustedUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false);
  });

  it('serves files inside the renderer folder only', () => {
    const root = '/opt/talaria/renderer';
    expect(appFileFor(root, 'app://talaria/')).toBe(join(root, 'index.html'));
    expect(appFileFor(root, 'app://talaria/assets/a.js')).toBe(join(root, 'assets/a.js'));
    // The URL parser folds dot segments first: what is left still lies inside the folder.
    expect(appFileFor(root, 'app://talaria/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc/passwd'),
    );
    expect(appFileFor(root, 'app://talaria/..%2f..%2fsecrets.json')).toBeNull();
    expect(appFileFor(root, 'app://talaria/%E0%A4%A')).toBeNull();
    expect(appFileFor(root, 'file://host/x')).toBeNull();
  });

  it('sends the same Content-Security-Policy as the headless host', () => {
    expect(SHELL_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY);
    expect(appResponseHeaders('/r/index.html')['Content-Security-Policy']).toBe(
      CONTENT_SECURITY_POLICY,
    );
    expect(appResponseHeaders('/r/index.html')['Content-Type']).toMatch(/^text\/html/);
  });

  it('packages with RunAsNode and NODE_OPTIONS off, cookie encryption and ASAR checks on', () => {
    expect(TALARIA_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    // Every fuse this @electron/fuses knows is decided.
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of known) expect(TALARIA_FUSES).toHaveProperty(String(fuse));
  });
});
