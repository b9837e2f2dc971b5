/** Where an enterprise's service provider lives: its entity id (also its metadata URL) and assertion consumer. */
export interface ServiceProvider {
  readonly entityId: string;
  readonly acsUrl: string;
}

/** The service provider of enterprise `slug` under the server's public URL (no trailing slash). */
export function serviceProvider(publicUrl: string, slug: string): ServiceProvider {
  const base = `${publicUrl}/saml/${encodeURIComponent(slug)}`;
  return Object.freeze({ entityId: `${base}/metadata`, acsUrl: `${base}/acs` });
}
