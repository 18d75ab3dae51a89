import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
var e=["workflow","environment","branch","event","repository"],o=`^([^{}]|\\{(${e.join("|")})\\})+$`;export{e as a,o as b};
