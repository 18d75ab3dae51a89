import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as i}from"./chunks/chunk-WOU25FMA.js";import"./chunks/chunk-CIVIHRDV.js";import{c as o}from"./chunks/chunk-BATXV4VV.js";import"./chunks/chunk-D35MBGXW.js";import"./chunks/chunk-RN23Q6W4.js";import"./chunks/chunk-2XFEUY2A.js";import"./chunks/chunk-DAIAB4NE.js";await o(i);
