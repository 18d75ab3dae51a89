import { X509Certificate } from "node:crypto";
import { UserError } from "../core/errors.ts";

export interface PemCertificate {
  certificate: X509Certificate;
  /** 1-based line of the BEGIN marker. */
  line: number;
  /** 1-based position among the file's certificates. */
  index: number;
}

export const MAX_PEM_CERTIFICATES = 1000;

/**
 * Every CERTIFICATE block of a PEM file or bundle, in order. Other blocks (keys, CRLs) are skipped without
 * being decoded; text around blocks (openssl's human-readable dumps) is ignored. A damaged block is an error
 * naming the file and line.
 */
export function parsePemCertificates(text: string, where: string): PemCertificate[] {
  const lines = text.split(/\r?\n/);
  const found: PemCertificate[] = [];
  let open: { label: string; line: number; body: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(line);
    const end = /^-----END ([A-Z0-9 ]+)-----$/.exec(line);
    if (begin) {
      if (open) throw new UserError(`${where}:${i + 1}: BEGIN ${begin[1]} inside the ${open.label} block that starts on line ${open.line}`);
      open = { label: begin[1]!, line: i + 1, body: [] };
    } else if (end) {
      if (!open || open.label !== end[1]) throw new UserError(`${where}:${i + 1}: END ${end[1]} without a matching BEGIN`);
      if (open.label === "CERTIFICATE") {
        if (found.length >= MAX_PEM_CERTIFICATES) throw new UserError(`${where}: more than ${MAX_PEM_CERTIFICATES} certificates`);
        found.push({ certificate: decode(open.body, where, open.line), line: open.line, index: found.length + 1 });
      }
      open = undefined;
    } else if (open) {
      open.body.push(line);
    }
  }
  if (open) throw new UserError(`${where}:${open.line}: the ${open.label} block is not closed (truncated file?)`);
  return found;
}

function decode(body: string[], where: string, line: number): X509Certificate {
  const base64 = body.join("");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new UserError(`${where}:${line}: the certificate is not valid base64`);
  try {
    return new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    throw new UserError(`${where}:${line}: the block is not a valid X.509 certificate`);
  }
}
