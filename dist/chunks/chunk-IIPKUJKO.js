import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var e=["workflow","environment","branch","event","repository"],o=`^([^{}]|\\{(${e.join("|")})\\})+$`;export{e as a,o as b};
