import type { NestExpressApplication } from '@nestjs/platform-express';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every "METHOD /path" the running app routes, read from Express's own router
 * (Express 5: app.router; Express 4 called it app._router), so it covers
 * Nest controllers, Swagger UI and anything else mounted as a route.
 * Paths are Express patterns: /api/v1/devices/:id, /viewer/novnc/*path.
 */
export function discoverRestRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = (express.router ?? express._router)?.stack;
  if (!stack?.length) throw new Error('could not find the Express router stack');
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
    // Nest mounts its middleware consumer as one route per path for every method; those are not endpoints.
    if (methods.length > 5 || methods.includes('_all')) continue;
    for (const method of methods) routes.add(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].sort();
}

/** "/api/v1/devices/:id" → "/api/v1/devices/{id}" (OpenAPI's spelling). */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');
