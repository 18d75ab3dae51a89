import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-EIYBVAFP.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as createOctokit,c as isHttpStatus,b as toExternalError};
