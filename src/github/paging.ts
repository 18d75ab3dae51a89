/**
 * Guards for the API's paging, which a broken or hostile API can turn into an endless walk: a REST `Link: next`
 * that points back to a page already read, a GraphQL `hasNextPage` whose cursor does not move, or more pages than
 * shipgate ever reads. Each ends the walk with an ExternalError naming it (exit 3), never a silent partial list.
 */
import { ExternalError } from "../core/errors.ts";

/** 100 pages of 100: more than any list shipgate reads in one run. */
export const MAX_REST_PAGES = 100;

interface PageResponse {
  url: string;
  headers: { link?: string | undefined };
  data: unknown;
}

/**
 * The map function for `octokit.paginate` that bounds the walk: `octokit.paginate(route, params, pagesOf())`; the
 * caller's error names the request.
 * It throws when a next link repeats a page (a loop) or the pages exceed `maxPages`.
 */
export function pagesOf(maxPages = MAX_REST_PAGES): <R extends PageResponse>(response: R) => R["data"] {
  const seen = new Set<string>();
  return (response) => {
    if (seen.has(response.url)) throw new ExternalError(`the API's next-page link leads back to a page already read (${response.url}); shipgate stops there`);
    seen.add(response.url);
    if (seen.size >= maxPages && /rel="next"/.test(response.headers.link ?? "")) throw new ExternalError(`more than ${maxPages} pages; shipgate stops there`);
    return response.data;
  };
}

/** The cursor of the next GraphQL page, or null at the end; a cursor that is missing or does not move is refused. */
export function nextCursor(pageInfo: { hasNextPage: boolean; endCursor: string | null } | null | undefined, previous: string | null, what: string): string | null {
  if (!pageInfo || typeof pageInfo.hasNextPage !== "boolean") throw new ExternalError(`${what}: the API's answer has no page information (pageInfo); shipgate stops there`);
  if (!pageInfo.hasNextPage) return null;
  if (!pageInfo.endCursor || pageInfo.endCursor === previous) {
    throw new ExternalError(`${what}: the API says more pages follow but its cursor ${pageInfo.endCursor ? `stays at "${pageInfo.endCursor}"` : "is missing"}; shipgate stops there`);
  }
  return pageInfo.endCursor;
}
