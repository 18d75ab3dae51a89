import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-HQLN22LV.js";import"./chunk-GCJWYP3P.js";import"./chunk-WHU6XRWI.js";import"./chunk-KAWQQOYA.js";import"./chunk-IIPKUJKO.js";import"./chunk-PJZH4X5I.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as incidentDoor};
