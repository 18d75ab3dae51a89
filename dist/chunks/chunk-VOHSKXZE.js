import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
var n={skip:0,pass:1,warn:2,fail:3};function s(i){let t="skip";for(let e of i)n[e]>n[t]&&(t=e);return t}export{s as a};
