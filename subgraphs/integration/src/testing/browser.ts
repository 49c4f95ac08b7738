/**
 * A browser as far as redirects and cookies go: follows Location headers by hand and keeps the
 * cookies each origin sets (by name; Max-Age=0 removes one). Paths and expiry are not modelled.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** The Set-Cookie lines of every response, in order. */
  readonly setCookies: string[] = [];

  /** Follows redirects from `url` until one leaves for `stopAt` (or a page answers); returns that URL or the page. */
  async navigate(url: string, stopAt: string): Promise<{ url: string; status: number; body: string }> {
    let current = url;
    for (let hops = 0; hops < 20; hops += 1) {
      if (current.startsWith(stopAt)) return { url: current, status: 302, body: '' };
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { url: current, status: response.status, body: await response.text() };
      }
      current = new URL(location, current).toString();
    }
    throw new Error('too many redirects');
  }

  /** One GET with this browser's cookies for the origin; remembers what it sets. */
  async get(url: string): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    const header = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: header ? { cookie: header } : {} });
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair, ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const removed = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (removed) cookies.delete(name);
      else cookies.set(name, pair.slice(separator + 1).trim());
    }
    this.jar.set(origin, cookies);
    return response;
  }

  cookiesOf(origin: string): Map<string, string> {
    return this.jar.get(origin) ?? new Map();
  }
}
