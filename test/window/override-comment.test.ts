import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullRequestEvent, runActionBundle } from "../support/runner.ts";
import { PROCEDURE_POLICY, repoWithPolicy } from "./fixtures.ts";

const bundle = "dist/deploy-window.js";

/** A minimal stand-in for the issue-comments endpoints of the GitHub REST API, on 127.0.0.1. */
interface Comment {
  id: number;
  body: string;
  html_url: string;
}
const comments: Comment[] = [];
const requests: string[] = [];

async function bodyOf(request: IncomingMessage): Promise<{ body: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { body: string };
}

function send(response: ServerResponse, status: number, data: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(data));
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  requests.push(`${request.method} ${url.pathname}`);
  void (async () => {
    if (request.method === "GET" && url.pathname === "/repos/octo-org/octo-repo/issues/7/comments") return send(response, 200, comments);
    if (request.method === "POST" && url.pathname === "/repos/octo-org/octo-repo/issues/7/comments") {
      const comment = { id: comments.length + 1, body: (await bodyOf(request)).body, html_url: `https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comments.length + 1}` };
      comments.push(comment);
      return send(response, 201, comment);
    }
    const patch = /^\/repos\/octo-org\/octo-repo\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (request.method === "PATCH" && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]));
      if (!comment) return send(response, 404, { message: "Not Found" });
      comment.body = (await bodyOf(request)).body;
      return send(response, 200, comment);
    }
    send(response, 404, { message: "Not Found" });
  })();
});

let apiUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("deploy-window override comment (runner contract)", () => {
  it("records an override once per run on the pull request, updating it on a re-run", async () => {
    const workspace = await repoWithPolicy(PROCEDURE_POLICY + "  override:\n    comment: true\n");
    const event = pullRequestEvent({ number: 7, baseSha: "a".repeat(40), headSha: "b".repeat(40) });
    const run = () =>
      runActionBundle(bundle, {
        workspace,
        event,
        eventName: "pull_request",
        apiUrl,
        inputs: { "override-reason": "rollback of a bad release", token: "test-token" },
        env: { SHIPGATE_TEST_CLOCK: "2026-11-21T20:00:00+01:00" },
      });
    const first = await run();
    expect(first.exitCode).toBe(0);
    expect(first.summary).toContain("The override by @octocat is recorded in https://github.com/octo-org/octo-repo/pull/7#issuecomment-1");
    const second = await run();
    expect(second.exitCode).toBe(0);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("<!-- shipgate:deploy-window-override run=4242 -->");
    expect(comments[0]!.body).toContain("Deploy window overridden by @octocat: `rollback of a bad release`");
    expect(requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    expect(requests.filter((r) => r.startsWith("PATCH"))).toHaveLength(1);
  });
});
