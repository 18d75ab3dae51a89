import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/certs/target.ts";

describe("parseTarget", () => {
  it.each([
    ["example.com", { kind: "host", host: "example.com", port: 443 }],
    ["example.com:8443", { kind: "host", host: "example.com", port: 8443 }],
    ["127.0.0.1:443", { kind: "host", host: "127.0.0.1", port: 443 }],
    ["[::1]:8443", { kind: "host", host: "::1", port: 8443 }],
    ["[::1]", { kind: "host", host: "::1", port: 443 }],
    ["2001:db8::1", { kind: "host", host: "2001:db8::1", port: 443 }],
    ["https://api.example.com/health", { kind: "host", host: "api.example.com", port: 443 }],
    ["https://[::1]:9443/", { kind: "host", host: "::1", port: 9443 }],
    ["_dmarc.example.com", { kind: "host", host: "_dmarc.example.com", port: 443 }],
    ["file:certs/bundle.pem", { kind: "file", path: "certs/bundle.pem" }],
  ])("%s", (raw, expected) => {
    expect(parseTarget(raw, "argument 1")).toMatchObject({ ...expected, label: raw });
  });

  it.each([
    ["", /empty target/],
    ["host:0", /port "0" is not a number from 1 to 65535/],
    ["host:65536", /port "65536"/],
    ["host:", /port ""/],
    ["[example.com]:443", /not an IPv6 address/],
    ["a:b:c", /\[address\]:port/],
    ["http://example.com", /only https:\/\//],
    ["exa mple.com", /not a host name/],
    ["-bad.example", /not a host name/],
    ["file:", /needs a path/],
    ["x".repeat(300), /not a host name/],
  ])("rejects %j", (raw, message) => {
    expect(() => parseTarget(raw, "argument 1")).toThrow(message);
  });
});
