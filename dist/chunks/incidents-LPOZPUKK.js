import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a}from"./chunk-LLACAPR6.js";import"./chunk-OVCDNYYV.js";import"./chunk-5KCYHOGU.js";import"./chunk-RSHVUNHF.js";import"./chunk-5ISQAII6.js";export{a as githubIncidentTracker};
