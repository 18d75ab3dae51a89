import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var t="a token with issues: read, checks: read, statuses: read and deployments: read on the repository (GITHUB_TOKEN in a workflow)";export{t as a};
