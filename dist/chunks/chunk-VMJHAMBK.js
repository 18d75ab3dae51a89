import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{b as o}from"./chunk-BQMNGJNZ.js";import{e as i}from"./chunk-HLG5JOOD.js";function u(n,t,r=[]){for(let e of t)if(e.length!==n.length)throw new Error(`table row of ${e.length} cells under a header of ${n.length}`);let s=n.map((e,g)=>r[g]==="right"?"---:":"---");return[n,s,...t].map(e=>`| ${e.join(" | ")} |`).join(`
`)}function f(n){return i(n).replace(/\|/g,"\\|")}function p(n,t){return!t||!/^https?:\/\/[^\s<>()]+$/.test(t)?n:`[${n}](${t})`}function $(n,t){return`<details><summary>${n}</summary>

${t.trim()}

</details>`}function m(n,t,r=`${t}s`){return`${n} ${n===1?t:r}`}function h(n,t){let r=n.slice(0,t).join(", ");return n.length>t?`${r} and ${n.length-t} more`:r}function a(n,t=200){let r=[...n.replace(/\s+/g," ").trim()];return o(r.length>t?`${r.slice(0,t).join("")}\u2026`:r.join(""))}export{u as a,f as b,p as c,$ as d,m as e,h as f,a as g};
