import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{a as o}from"./chunk-KAZWOXOO.js";const {readFile:w,rename:f,rm:u,stat:d,writeFile:m}=__shipgateBuiltin("node:fs/promises");const c=__shipgateBuiltin("node:path");function p(t,n){for(let e of t.split(`
`)){if(!e.startsWith("#"))continue;let r=e.replace(/^#+\s*/,"").replace(/^\[/,"");if(r.startsWith("v")&&!n.startsWith("v")&&(r=r.slice(1)),!r.startsWith(n))continue;let i=r.charAt(n.length);if(i===""||i==="]"||i===" "||i==="(")return!0}return!1}function $(t,n){let e=n.endsWith(`
`)?n:n+`
`;if(!t.trim())return e;let r=t.split(`
`);if(!/^# /.test(r[0]??""))return`${e}
${t}`;let s=r.findIndex((g,l)=>l>0&&/^##? /.test(g));return s===-1?`${t.replace(/\n*$/,"")}

${e}`:`${r.slice(0,s).join(`
`).replace(/\n*$/,"")}

${e}
${r.slice(s).join(`
`)}`}async function E(t,n){let{randomBytes:e}=await Promise.resolve(__shipgateBuiltin("node:crypto")).then((m)=>Object.create(m,{default:{value:m}})),r=c.join(c.dirname(t),`.${c.basename(t)}.${process.pid}.${e(6).toString("hex")}.tmp`);try{await m(r,n,{flag:"wx"}),await f(r,t)}catch(i){throw await u(r,{force:!0}),new o(`${t}: cannot write the changelog: ${i.code??i.message}`)}}var h=64*1024*1024;async function x(t){let n;try{let e=await d(t);if(!e.isFile())throw new o(`${t}: the changelog is not a regular file`);if(e.size>h)throw new o(`${t}: the changelog is ${e.size} bytes; at most ${h} are rewritten`);n=await w(t)}catch(e){if(e instanceof o)throw e;if(e.code==="ENOENT")return"";throw new o(`${t}: cannot read the changelog: ${e.code??e.message}`)}if(n.includes(0))throw new o(`${t}: the changelog contains binary data; refusing to rewrite it`);try{return new TextDecoder("utf-8",{fatal:!0,ignoreBOM:!0}).decode(n)}catch{throw new o(`${t}: the changelog is not UTF-8 text; refusing to rewrite it`)}}async function N(t,n){let e=await x(t),r=e.startsWith("\uFEFF")?"\uFEFF":"",i=e.slice(r.length),s=n.filter(a=>!p(i,a.version));return s.length===0?[]:(await E(t,r+$(i,s.map(a=>a.notes).join(`
`))),s.map(a=>a.version))}export{p as a,$ as b,N as c};
