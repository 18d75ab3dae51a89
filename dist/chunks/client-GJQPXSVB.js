import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-G6I5ZUNP.js";import"./chunk-DAIAB4NE.js";export{a as createOctokit,d as isHttpStatus,c as isRateLimited,b as toExternalError};
