import type { Request, Response } from 'express';
import { Page } from './list-query';

export interface ListEnvelope<T> {
  value: T[];
  nextLink?: string;
}

/** The absolute base URL clients should follow: PUBLIC_URL, else the request's own host. */
export function baseUrlOf(req: Request): string {
  const configured = req.app.locals.publicUrl as string | undefined;
  return configured ?? `${req.protocol}://${req.get('host')}`;
}

/** Builds `{value, nextLink}` and the matching `Link: rel="next"` header. */
export function listEnvelope<T, R>(req: Request, res: Response, page: Page<T>, map: (item: T) => R): ListEnvelope<R> {
  const value = page.items.map(map);
  if (!page.nextCursor) return { value };
  const url = new URL(req.originalUrl, baseUrlOf(req));
  url.searchParams.set('cursor', page.nextCursor);
  const nextLink = url.toString();
  res.setHeader('Link', `<${nextLink}>; rel="next"`);
  return { value, nextLink };
}

/** Keeps only the selected fields (id always) of a mapped item. */
export function selectFields<T extends object>(item: T, select: string[] | undefined): Partial<T> {
  if (!select) return item;
  const out: Partial<T> = {};
  for (const key of select) if (key in item) (out as Record<string, unknown>)[key] = (item as Record<string, unknown>)[key];
  return out;
}
