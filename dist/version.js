import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as i}from"./chunks/chunk-RPRHQBNY.js";import"./chunks/chunk-UF2SRNBQ.js";import{c as o}from"./chunks/chunk-BATXV4VV.js";import"./chunks/chunk-D35MBGXW.js";import"./chunks/chunk-H7QCBL4V.js";import"./chunks/chunk-SWMKIN6N.js";import"./chunks/chunk-DAIAB4NE.js";await o(i);
