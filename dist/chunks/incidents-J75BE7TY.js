import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-WA5FDUWU.js";import"./chunk-KXNBQAGE.js";import"./chunk-VJF6CLGH.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as githubIncidentTracker};
