import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as i}from"./chunks/chunk-6LZ3WQB5.js";import"./chunks/chunk-APK5XR6B.js";import{c as o}from"./chunks/chunk-BATXV4VV.js";import"./chunks/chunk-D35MBGXW.js";import"./chunks/chunk-ZXL4LYPM.js";import"./chunks/chunk-XU6RXMF3.js";import"./chunks/chunk-DAIAB4NE.js";await o(i);
