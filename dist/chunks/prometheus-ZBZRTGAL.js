import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-QQBZBF5Y.js";import"./chunk-4DBN4YHC.js";import"./chunk-HDS7IAFS.js";export{d as createPrometheusClient,c as normalizeServerUrl,b as parseQueryResponse,a as parseSampleValue};
