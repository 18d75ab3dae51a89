import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
async function s(n,o,a){let r=new Array(n.length),t=0,i=async()=>{for(;t<n.length;){let e=t++;r[e]=await a(n[e],e)}},l=Array.from({length:Math.max(1,Math.min(o,n.length))},i);return await Promise.all(l),r}export{s as a};
