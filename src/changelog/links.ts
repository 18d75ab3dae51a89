import { UserError } from "../core/errors.ts";
import type { RepositoryLinks } from "./render.ts";

/**
 * Where changelog links point, from a git remote URL (https, ssh, scp-like) or from a server URL and an
 * `owner/name` pair (GitHub Enterprise servers work the same as github.com). Links always use https.
 */

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/;

function fromHostAndPath(host: string, pathname: string): RepositoryLinks | null {
  const segments = pathname.replace(/\.git\/?$/, "").split("/").filter(Boolean);
  if (segments.length < 2) return null;
  return { host: `https://${host}`, owner: segments.slice(0, -1).join("/"), repository: segments.at(-1)! };
}

export function linksFromRemote(remote: string): RepositoryLinks | null {
  const text = remote.trim();
  const scp = SCP_LIKE.exec(text);
  if (scp && !text.includes("://")) return fromHostAndPath(scp[1]!, scp[2]!);
  try {
    const url = new URL(text);
    if (!["https:", "http:", "ssh:", "git:", "git+ssh:", "git+https:"].includes(url.protocol)) return null;
    return fromHostAndPath(url.hostname, decodeURIComponent(url.pathname));
  } catch {
    return null;
  }
}

/** From a server URL (GITHUB_SERVER_URL) and `owner/name` (GITHUB_REPOSITORY); `where` names the inputs. */
export function linksFromServer(serverUrl: string, repository: string, where: string): RepositoryLinks {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new UserError(`${where}: "${serverUrl}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UserError(`${where}: "${serverUrl}" is not an http(s) URL`);
  const [owner, name, ...rest] = repository.split("/");
  if (!owner || !name || rest.length > 0) throw new UserError(`${where}: "${repository}" is not an owner/name repository`);
  return { host: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, owner, repository: name };
}
