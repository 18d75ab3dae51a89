import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{B as o,z as i}from"./chunk-RXFSIKII.js";function l(t,n,r=[]){for(let e of n)if(e.length!==t.length)throw new Error(`table row of ${e.length} cells under a header of ${t.length}`);let s=t.map((e,g)=>r[g]==="right"?"---:":"---");return[t,s,...n].map(e=>`| ${e.join(" | ")} |`).join(`
`)}function p(t){return i(t).replace(/\|/g,"\\|")}function $(t,n){return!n||!/^https?:\/\/[^\s<>()]+$/.test(n)?t:`[${t}](${n})`}function a(t,n){return`<details><summary>${t}</summary>

${n.trim()}

</details>`}function m(t,n,r=`${n}s`){return`${t} ${t===1?n:r}`}function h(t,n){let r=t.slice(0,n).join(", ");return t.length>n?`${r} and ${t.length-n} more`:r}function d(t,n=200){let r=[...t.replace(/\s+/g," ").trim()];return o(r.length>n?`${r.slice(0,n).join("")}\u2026`:r.join(""))}export{l as a,p as b,$ as c,a as d,m as e,h as f,d as g};
