import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c}from"./chunk-OWA37M7T.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as GitRepository,c as parseLog,b as parseTags};
