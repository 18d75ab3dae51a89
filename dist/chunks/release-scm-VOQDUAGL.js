import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-MQWKXSIH.js";import"./chunk-OVCDNYYV.js";import"./chunk-MRK4BV64.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as GitHubReleaseScm};
