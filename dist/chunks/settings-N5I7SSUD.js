import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-ZV32ZLUZ.js";import"./chunk-2UBO56H4.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as planHealth};
