/**
 * A throwaway PKI for tests, made with the openssl CLI (argument arrays, no shell): roots, intermediates and
 * leaves with exact notBefore/notAfter dates through `openssl ca -startdate/-enddate` (openssl 3.0 has no
 * `x509 -not_before`). EC P-256 keys keep generation fast.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../support/temp.ts";

const run = promisify(execFile);
const DAY_MS = 86_400_000;

export interface Issued {
  name: string;
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

export interface Validity {
  notBefore?: Date;
  notAfter: Date;
}

const caConfig = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
[ any_name ]
commonName = supplied
organizationName = optional
`;

function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");
}

export function daysFromNow(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export class Pki {
  readonly dir: string;
  private constructor(dir: string) {
    this.dir = dir;
  }

  static async create(): Promise<Pki> {
    const dir = tempDir("pki");
    await mkdir(path.join(dir, "db"));
    await writeFile(path.join(dir, "db/index.txt"), "");
    await writeFile(path.join(dir, "db/serial"), "1000\n");
    await writeFile(path.join(dir, "ca.cnf"), caConfig);
    return new Pki(dir);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  private async openssl(args: string[]): Promise<void> {
    await run("openssl", args, { cwd: this.dir });
  }

  /** A self-signed CA certificate (a root). */
  root(name: string, validity: Validity): Promise<Issued> {
    return this.sign(name, "self", validity, ["basicConstraints = critical,CA:true", "keyUsage = critical,keyCertSign,cRLSign"]);
  }

  intermediate(name: string, issuer: Issued, validity: Validity): Promise<Issued> {
    return this.sign(name, issuer, validity, ["basicConstraints = critical,CA:true", "keyUsage = critical,keyCertSign,cRLSign"]);
  }

  /** A cross-sign: `ca`'s name and key, certified by another issuer (written to `file`). */
  crossSign(ca: Issued, issuer: Issued, validity: Validity, file: string): Promise<Issued> {
    return this.sign(ca.name, issuer, validity, ["basicConstraints = critical,CA:true", "keyUsage = critical,keyCertSign,cRLSign"], { keyFile: ca.keyFile, file });
  }

  /** A server certificate for the given SANs ("DNS:localhost", "IP:127.0.0.1"); issuer "self" makes it self-signed. */
  leaf(name: string, issuer: Issued | "self", validity: Validity & { sans: string[] }): Promise<Issued> {
    return this.sign(name, issuer, validity, [
      "basicConstraints = critical,CA:false",
      "keyUsage = critical,digitalSignature",
      "extendedKeyUsage = serverAuth",
      `subjectAltName = ${validity.sans.join(",")}`,
    ]);
  }

  /** Keys, requests and certificates go to the PKI's directory; one `openssl ca` at a time (they share the index). */
  private async sign(name: string, issuer: Issued | "self", validity: Validity, extensions: string[], reuse?: { keyFile: string; file: string }): Promise<Issued> {
    const base = reuse?.file ?? name;
    const keyFile = reuse?.keyFile ?? this.file(`${name}.key`);
    const csrFile = this.file(`${base}.csr`);
    const certFile = this.file(`${base}.pem`);
    const extFile = this.file(`${base}.ext`);
    if (!reuse) await this.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyFile]);
    await this.openssl(["req", "-new", "-key", keyFile, "-subj", `/O=shipgate tests/CN=${name}`, "-out", csrFile]);
    await writeFile(extFile, ["[ ext ]", ...extensions, "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid:always", ""].join("\n"));
    const signer = issuer === "self" ? ["-selfsign", "-keyfile", keyFile] : ["-cert", issuer.certFile, "-keyfile", issuer.keyFile];
    const notBefore = validity.notBefore ?? daysFromNow(-1);
    await this.openssl([
      "ca", "-batch", "-config", "ca.cnf", "-notext", "-rand_serial", ...signer,
      "-in", csrFile, "-out", certFile, "-extfile", extFile, "-extensions", "ext",
      "-startdate", opensslTime(notBefore), "-enddate", opensslTime(validity.notAfter),
    ]);
    return { name, certFile, keyFile, certPem: await readFile(certFile, "utf8"), keyPem: await readFile(keyFile, "utf8") };
  }

  /** `openssl x509 -enddate -noout` of a certificate, as a Date. */
  async opensslEndDate(certFile: string): Promise<Date> {
    const { stdout } = await run("openssl", ["x509", "-in", certFile, "-enddate", "-noout"]);
    const match = /^notAfter=(.+)$/m.exec(stdout);
    if (!match) throw new Error(`unexpected openssl output: ${stdout}`);
    return new Date(match[1]!);
  }
}
