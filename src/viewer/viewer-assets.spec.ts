import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isNovncModulePath, novncDir, VIEWER_CSP, VIEWER_FILES, viewerStaticDir } from './viewer-assets';

describe('the browser viewer files', () => {
  it('finds the page both from src and from dist (tsc copies no assets)', () => {
    for (const file of VIEWER_FILES) expect(existsSync(join(viewerStaticDir(), file))).toBe(true);
    const fromDist = viewerStaticDir(join(__dirname, '..', '..', 'dist', 'viewer'));
    expect(existsSync(join(fromDist, 'index.html'))).toBe(true);
  });

  it("finds noVNC's ES modules", () => {
    expect(existsSync(join(novncDir(), 'core', 'rfb.js'))).toBe(true);
    expect(existsSync(join(novncDir(), 'vendor', 'pako', 'lib', 'zlib', 'inflate.js'))).toBe(true);
  });

  it('serves only noVNC modules, never a path out of the package', () => {
    expect(isNovncModulePath('core/rfb.js')).toBe(true);
    expect(isNovncModulePath('vendor/pako/lib/zlib/inflate.js')).toBe(true);
    for (const path of ['../package.json', 'core/../../x.js', 'package.json', 'core/.hidden.js', 'docs/API.md', 'core/rfb.js.map', '/etc/passwd']) {
      expect(isNovncModulePath(path)).toBe(false);
    }
  });

  it('has a strict CSP: own scripts only, WebSockets allowed', () => {
    expect(VIEWER_CSP).toContain("script-src 'self'");
    expect(VIEWER_CSP).toContain("connect-src 'self' ws: wss:");
    expect(VIEWER_CSP).toContain("default-src 'none'");
    expect(VIEWER_CSP).not.toContain('unsafe');
  });
});
