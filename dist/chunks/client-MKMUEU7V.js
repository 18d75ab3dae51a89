import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-EXP3PBJE.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as createOctokit,d as isHttpStatus,c as isRateLimited,b as toExternalError};
