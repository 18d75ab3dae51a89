/** GitHub's paging of list endpoints: per_page (default 30, at most 100) and page (from 1), with a Link header. */

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** The Link header value for this page (first/prev/next/last), or undefined when everything fits in one page. */
  link(baseUrl: string, query: URLSearchParams): string | undefined;
}

export function paginate<T>(items: T[], query: Record<string, unknown>, maxPerPage = MAX_PER_PAGE): Page<T> {
  const asked = typeof query.per_page === "number" ? query.per_page : DEFAULT_PER_PAGE;
  const perPage = Math.min(Math.max(1, Math.trunc(asked)), maxPerPage);
  const page = Math.max(1, Math.trunc(typeof query.page === "number" ? query.page : 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    link(baseUrl, original) {
      if (last === 1) return undefined;
      const to = (target: number) => {
        const params = new URLSearchParams(original);
        params.set("page", String(target));
        return `<${baseUrl}?${params.toString()}>`;
      };
      const parts: string[] = [];
      if (page > 1) parts.push(`${to(Math.min(page - 1, last))}; rel="prev"`);
      if (page < last) parts.push(`${to(page + 1)}; rel="next"`);
      parts.push(`${to(last)}; rel="last"`);
      if (page > 1) parts.push(`${to(1)}; rel="first"`);
      return parts.join(", ");
    },
  };
}
