import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-OU2HGV5H.js";import"./chunk-MJ3QCXMY.js";import"./chunk-JB7GVGIP.js";import"./chunk-JECS5ZN7.js";import"./chunk-IIPKUJKO.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as incidentDoor};
