import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var e=["P1","P2","P3","P4"];export{e as a};
