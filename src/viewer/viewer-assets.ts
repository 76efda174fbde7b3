import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The page's own files. `tsc` copies no assets, so they are read from src/viewer/static beside the package (dist/viewer/static first, if a build put them there). */
export function viewerStaticDir(here = __dirname): string {
  const candidates = [join(here, 'static'), join(here, '..', '..', 'src', 'viewer', 'static')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[candidates.length - 1];
}

/** The root of the installed @novnc/novnc package (its ES modules are served as they are). */
export function novncDir(here = __dirname): string {
  try {
    // The package exports ./core/rfb.js; two levels up is its root.
    return dirname(dirname(require.resolve('@novnc/novnc')));
  } catch {
    return join(here, '..', '..', 'node_modules', '@novnc', 'novnc');
  }
}

/** The page's files by request name. */
export const VIEWER_FILES: ReadonlySet<string> = new Set(['index.html', 'viewer.js', 'viewer.css']);

/** Only noVNC's ES modules, no traversal, no dotfiles: `core/rfb.js`, `vendor/pako/lib/zlib/inflate.js`. */
export function isNovncModulePath(path: string): boolean {
  return /^(core|vendor)(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+\.js$/.test(path) && !path.split('/').includes('..');
}

/**
 * The page needs only its own scripts and styles, the relay WebSocket, and
 * images noVNC draws from data and blob URLs (cursors, JPEG and PNG rects).
 */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
