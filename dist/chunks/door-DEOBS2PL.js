import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-U3IJ6BDW.js";import"./chunk-GCJWYP3P.js";import"./chunk-JXD7XRVG.js";import"./chunk-WHU6XRWI.js";import"./chunk-KAWQQOYA.js";import"./chunk-PJZH4X5I.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as analyticsDoor};
