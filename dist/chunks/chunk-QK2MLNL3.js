import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var i={skip:0,pass:1,warn:2,fail:3};function s(n){let t="skip";for(let e of n)i[e]>i[t]&&(t=e);return t}export{s as a};
