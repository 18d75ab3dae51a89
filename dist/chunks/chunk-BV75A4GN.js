import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var e="a token with pull-requests: read and contents: read on the repository (GITHUB_TOKEN in a workflow); reading team members for CODEOWNERS teams or team rules also needs organization members: read (a GitHub App or fine-grained token)";export{e as a};
