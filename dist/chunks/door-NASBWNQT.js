import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-F4L2IBXY.js";import"./chunk-KB53SBMB.js";import"./chunk-GWEUQQVS.js";import"./chunk-D35MBGXW.js";import"./chunk-KYRDEUBZ.js";import"./chunk-XKGX5G3N.js";import"./chunk-DUQ2KYGX.js";import"./chunk-N56HDRIJ.js";import"./chunk-HDS7IAFS.js";export{a as certsDoor};
