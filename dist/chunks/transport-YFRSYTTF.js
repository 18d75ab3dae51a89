import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a as b,b as c}from"./chunk-B6UJJGEW.js";import{b as a}from"./chunk-PPEGHIZM.js";import"./chunk-JXH5F3NM.js";export{b as MAX_REDIRECTS,a as ResponseTooLarge,c as send};
