import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-GN7UKCQZ.js";import"./chunk-I4QYKTZ4.js";import"./chunk-MRK4BV64.js";import"./chunk-N56HDRIJ.js";import"./chunk-5ISQAII6.js";export{a as GitHubReleaseScm};
