import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-VNBYGNDY.js";import"./chunk-HDS7IAFS.js";export{a as clientTuningFromEnv};
