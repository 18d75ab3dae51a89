import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a as o}from"./chunk-4DBN4YHC.js";import{randomBytes as l}from"node:crypto";import{readFile as u,rename as w,rm as d,stat as m,writeFile as p}from"node:fs/promises";import c from"node:path";function $(e,n){for(let t of e.split(`
`)){if(!t.startsWith("#"))continue;let r=t.replace(/^#+\s*/,"").replace(/^\[/,"");if(r.startsWith("v")&&!n.startsWith("v")&&(r=r.slice(1)),!r.startsWith(n))continue;let i=r.charAt(n.length);if(i===""||i==="]"||i===" "||i==="(")return!0}return!1}function E(e,n){let t=n.endsWith(`
`)?n:n+`
`;if(!e.trim())return t;let r=e.split(`
`);if(!/^# /.test(r[0]??""))return`${t}
${e}`;let s=r.findIndex((g,f)=>f>0&&/^##? /.test(g));return s===-1?`${e.replace(/\n*$/,"")}

${t}`:`${r.slice(0,s).join(`
`).replace(/\n*$/,"")}

${t}
${r.slice(s).join(`
`)}`}async function x(e,n){let t=c.join(c.dirname(e),`.${c.basename(e)}.${process.pid}.${l(6).toString("hex")}.tmp`);try{await p(t,n,{flag:"wx"}),await w(t,e)}catch(r){throw await d(t,{force:!0}),new o(`${e}: cannot write the changelog: ${r.code??r.message}`)}}var h=64*1024*1024;async function y(e){let n;try{let t=await m(e);if(!t.isFile())throw new o(`${e}: the changelog is not a regular file`);if(t.size>h)throw new o(`${e}: the changelog is ${t.size} bytes; at most ${h} are rewritten`);n=await u(e)}catch(t){if(t instanceof o)throw t;if(t.code==="ENOENT")return"";throw new o(`${e}: cannot read the changelog: ${t.code??t.message}`)}if(n.includes(0))throw new o(`${e}: the changelog contains binary data; refusing to rewrite it`);try{return new TextDecoder("utf-8",{fatal:!0,ignoreBOM:!0}).decode(n)}catch{throw new o(`${e}: the changelog is not UTF-8 text; refusing to rewrite it`)}}async function T(e,n){let t=await y(e),r=t.startsWith("\uFEFF")?"\uFEFF":"",i=t.slice(r.length),s=n.filter(a=>!$(i,a.version));return s.length===0?[]:(await x(e,r+E(i,s.map(a=>a.notes).join(`
`))),s.map(a=>a.version))}export{$ as a,E as b,T as c};
