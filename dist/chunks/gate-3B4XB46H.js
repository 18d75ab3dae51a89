import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-TPK4PNBF.js";import"./chunk-KB53SBMB.js";import"./chunk-D35MBGXW.js";import"./chunk-T65ZUJ4I.js";import"./chunk-5ISQAII6.js";export{d as certGateResult,b as defaultCertDeps,a as resolveCertOptions,c as runCertGate};
