import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-I4QYKTZ4.js";import"./chunk-N56HDRIJ.js";import"./chunk-5ISQAII6.js";export{a as createOctokit,d as isHttpStatus,c as isRateLimited,b as toExternalError};
