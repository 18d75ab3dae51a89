import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-BV75A4GN.js";import"./chunk-5ISQAII6.js";export{a as APPROVALS_TOKEN_NEEDS};
