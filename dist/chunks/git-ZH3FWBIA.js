import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-VBWSVZST.js";import"./chunk-N56HDRIJ.js";import"./chunk-HDS7IAFS.js";export{a as GitRepository,c as parseLog,b as parseTags};
