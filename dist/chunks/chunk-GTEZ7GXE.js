import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{v as s}from"./chunk-L6IQEKIM.js";import{c as i,e as o}from"./chunk-3AKTP77O.js";function l(t,n,r=[]){for(let e of n)if(e.length!==t.length)throw new Error(`table row of ${e.length} cells under a header of ${t.length}`);let g=t.map((e,u)=>r[u]==="right"?"---:":"---");return[t,g,...n].map(e=>`| ${e.join(" | ")} |`).join(`
`)}function p(t){return o(t).replace(/\|/g,"\\|")}function $(t,n){return!n||!/^https?:\/\/[^\s<>()]+$/.test(n)?t:`[${t}](${n})`}function a(t,n){return`<details><summary>${t}</summary>

${n.trim()}

</details>`}function m(t,n,r=`${n}s`){return`${t} ${t===1?n:r}`}function h(t,n){let r=t.slice(0,n).join(", ");return t.length>n?`${r} and ${t.length-n} more`:r}function d(t,n=200){let r=[...t.replace(/\s+/g," ").trim()];return s(r.length>n?`${r.slice(0,n).join("")}\u2026`:r.join(""))}function x(t){let n=!1;return i(t.trim()).split(`
`).map(r=>(/^ {0,3}(`{3,}|~{3,})/.test(r)&&(n=!n),!n&&/^#{1,5} /.test(r)?`#${r}`:r)).join(`
`)}export{l as a,p as b,$ as c,a as d,m as e,h as f,d as g,x as h};
