import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/authz/auth.decorators';
import { NotFoundError } from '../common/errors/domain-error';
import { isNovncModulePath, novncDir, VIEWER_CSP, VIEWER_FILES, viewerStaticDir } from './viewer-assets';

/**
 * The browser viewer: a static page and noVNC's modules, outside /api/v1
 * and without a token. The ticket rides in the URL fragment, which the
 * browser never sends, so nothing served here is secret.
 */
@ApiExcludeController()
@Public()
@Controller('viewer')
export class ViewerController {
  private readonly staticDir = viewerStaticDir();
  private readonly novncRoot = novncDir();

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The page loads its files relative to /viewer/, so /viewer must become /viewer/ (the fragment survives the redirect).
    if (!req.path.endsWith('/')) return res.redirect(301, `${req.path.split('/').pop()}/`);
    await send(res, this.staticDir, 'index.html', 'no-cache');
  }

  @Get('novnc/*path')
  async novnc(@Req() req: Request, @Res() res: Response): Promise<void> {
    const path = req.path.replace(/^.*?\/viewer\/novnc\//, '');
    if (!isNovncModulePath(path)) throw new NotFoundError('Viewer file', path);
    await send(res, this.novncRoot, path, 'public, max-age=3600');
  }

  @Get(':file')
  async file(@Req() req: Request, @Res() res: Response): Promise<void> {
    const name = req.path.split('/').pop() ?? '';
    if (!VIEWER_FILES.has(name)) throw new NotFoundError('Viewer file', name);
    await send(res, this.staticDir, name, 'no-cache');
  }
}

function send(res: Response, root: string, path: string, cacheControl: string): Promise<void> {
  res.setHeader('Content-Security-Policy', VIEWER_CSP);
  res.setHeader('Cache-Control', cacheControl);
  return new Promise((resolve, reject) => {
    res.sendFile(path, { root, dotfiles: 'deny' }, (error?: Error) => {
      if (!error) return resolve();
      if (res.headersSent) return resolve();
      res.removeHeader('Cache-Control');
      reject(new NotFoundError('Viewer file', path));
    });
  });
}
