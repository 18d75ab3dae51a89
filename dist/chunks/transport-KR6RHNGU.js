import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a,b,c}from"./chunk-XN4PVMJB.js";import"./chunk-IU37KMBZ.js";export{b as MAX_REDIRECTS,a as ResponseTooLarge,c as send};
