import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-HGNGC7BH.js";import"./chunk-MJ3QCXMY.js";import"./chunk-D35MBGXW.js";import"./chunk-JB7GVGIP.js";import"./chunk-JECS5ZN7.js";import"./chunk-UERH4WNE.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as windowDoor};
