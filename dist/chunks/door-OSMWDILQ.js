import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-UYPQWRKM.js";import"./chunk-2UBO56H4.js";import"./chunk-2U7GJMPF.js";import"./chunk-BQMNGJNZ.js";import"./chunk-HLG5JOOD.js";import"./chunk-PJZH4X5I.js";import"./chunk-WX33JZ7V.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{a as healthDoor};
