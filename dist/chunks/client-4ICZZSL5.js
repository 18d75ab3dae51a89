import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-LLLUHUPS.js";import"./chunk-DAIAB4NE.js";export{a as createOctokit,c as isHttpStatus,b as toExternalError};
