import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-UODOZIB2.js";import"./chunk-Z3SYOGYG.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as octokitOfRun};
