import { isIP } from "node:net";
import { UserError } from "../core/errors.ts";

export interface HostTarget {
  kind: "host";
  /** As the user wrote it, for reports. */
  label: string;
  /** A DNS name or an IP literal without brackets. */
  host: string;
  port: number;
}

export interface FileTarget {
  kind: "file";
  label: string;
  path: string;
}

export type CertTarget = HostTarget | FileTarget;

const DEFAULT_PORT = 443;
/** RFC 1123 host names: letters, digits, hyphens and dots (a trailing dot allowed); underscores occur in the wild. */
const hostNamePattern = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

function parsePort(text: string, where: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UserError(`${where}: port "${text}" is not a number from 1 to 65535`);
  return Number(text);
}

function checkHost(host: string, where: string): string {
  if (isIP(host) || hostNamePattern.test(host)) return host;
  throw new UserError(`${where}: "${host}" is not a host name or IP address`);
}

/**
 * Parses one target: `host`, `host:port`, `[v6]:port`, `[v6]`, a bare IPv6 literal, `https://host[:port][/...]`,
 * or `file:PATH` for a PEM file or bundle. `where` names the source (argument, input, policy key) in errors.
 */
export function parseTarget(raw: string, where: string): CertTarget {
  const text = raw.trim();
  if (!text) throw new UserError(`${where}: empty target`);
  if (text.startsWith("file:")) {
    const file = text.slice("file:".length);
    if (!file) throw new UserError(`${where}: "file:" needs a path`);
    return { kind: "file", label: text, path: file };
  }
  if (/^https:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UserError(`${where}: "${text}" is not a valid URL`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    return { kind: "host", label: text, host: checkHost(host, where), port: url.port ? Number(url.port) : DEFAULT_PORT };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new UserError(`${where}: "${text}": only https:// URLs, host[:port] and file:PATH are targets`);
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1]!;
    if (isIP(host) !== 6) throw new UserError(`${where}: "${host}" in brackets is not an IPv6 address`);
    return { kind: "host", label: text, host, port: bracketed[2] === undefined ? DEFAULT_PORT : parsePort(bracketed[2], where) };
  }
  if (isIP(text) === 6) return { kind: "host", label: text, host: text, port: DEFAULT_PORT };
  const colon = text.lastIndexOf(":");
  if (colon === -1) return { kind: "host", label: text, host: checkHost(text, where), port: DEFAULT_PORT };
  const host = text.slice(0, colon);
  if (host.includes(":")) throw new UserError(`${where}: "${text}": write IPv6 addresses with a port as [address]:port`);
  return { kind: "host", label: text, host: checkHost(host, where), port: parsePort(text.slice(colon + 1), where) };
}
