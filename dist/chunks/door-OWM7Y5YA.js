import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-KLHYMZKM.js";import"./chunk-GPW2QKYP.js";import"./chunk-KYRDEUBZ.js";import"./chunk-XKGX5G3N.js";import"./chunk-IIPKUJKO.js";import"./chunk-DUQ2KYGX.js";import"./chunk-N56HDRIJ.js";import"./chunk-HDS7IAFS.js";export{a as incidentDoor};
