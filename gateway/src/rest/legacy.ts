import { Router, type Request, type Response } from 'express';
import type { GatewayMetrics } from '../metrics';
import type { RestRoute } from './routes';

/** The deprecation policy of the unprefixed paths (docs/api.md, "Versions and deprecation"). */
export const LEGACY_PATHS = {
  /** When they were deprecated: RFC 9745's `Deprecation` header. */
  deprecatedAt: new Date('2026-12-01T00:00:00Z'),
  /** When they stop answering: RFC 8594's `Sunset` header. */
  sunsetAt: new Date('2027-06-01T00:00:00Z'),
  /** The migration notes. */
  notes: '/api/v1/docs',
};

/**
 * The REST API's paths before `/api/v1` (`/events`, `/workflows/:id`, …): each answers 308 to
 * the same path and query under `/api/v1` (308 keeps the method and body), with `Deprecation`,
 * `Sunset` and a `Link` to the migration notes, and is counted by resource. Only the first
 * segments of the route table are redirected, so no other path of the gateway is shadowed.
 */
export function legacyRedirects(routes: RestRoute[], metrics: GatewayMetrics): Router {
  const resources = [...new Set(routes.map((route) => route.path.split('/')[1]))];
  const router = Router();
  const deprecation = `@${Math.floor(LEGACY_PATHS.deprecatedAt.getTime() / 1000)}`;
  const sunset = LEGACY_PATHS.sunsetAt.toUTCString();
  for (const resource of resources)
    router.all([`/${resource}`, `/${resource}/*rest`], (req: Request, res: Response) => {
      metrics.restLegacyRedirects.inc({ resource });
      res.set({
        Location: `/api/v1${req.originalUrl}`,
        Deprecation: deprecation,
        Sunset: sunset,
        Link: `<${LEGACY_PATHS.notes}>; rel="deprecation"; type="text/html"`,
      });
      res.status(308).end();
    });
  return router;
}
