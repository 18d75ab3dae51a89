import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a,b,c,d}from"./chunk-ZTGMBPPK.js";import"./chunk-KAZWOXOO.js";import"./chunk-JXH5F3NM.js";export{d as createPrometheusClient,c as normalizeServerUrl,b as parseQueryResponse,a as parseSampleValue};
