import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-OHUFNU42.js";import"./chunk-5OMNEC72.js";import"./chunk-MRK4BV64.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{a as GitHubReleaseScm};
