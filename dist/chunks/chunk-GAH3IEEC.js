import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import{a as s}from"./chunk-RSHVUNHF.js";import{randomBytes as m}from"node:crypto";import{readFile as g,rename as f,rm as h,writeFile as l}from"node:fs/promises";import a from"node:path";function d(t,n){for(let e of t.split(`
`)){if(!e.startsWith("#"))continue;let r=e.replace(/^#+\s*/,"").replace(/^\[/,"");if(r.startsWith("v")&&!n.startsWith("v")&&(r=r.slice(1)),!r.startsWith(n))continue;let i=r.charAt(n.length);if(i===""||i==="]"||i===" "||i==="(")return!0}return!1}function u(t,n){let e=n.endsWith(`
`)?n:n+`
`;if(!t.trim())return e;let r=t.split(`
`);if(!/^# /.test(r[0]??""))return`${e}
${t}`;let o=r.findIndex((c,p)=>p>0&&/^##? /.test(c));return o===-1?`${t.replace(/\n*$/,"")}

${e}`:`${r.slice(0,o).join(`
`).replace(/\n*$/,"")}

${e}
${r.slice(o).join(`
`)}`}async function $(t,n){let e=a.join(a.dirname(t),`.${a.basename(t)}.${process.pid}.${m(6).toString("hex")}.tmp`);try{await l(e,n,{flag:"wx"}),await f(e,t)}catch(r){throw await h(e,{force:!0}),new s(`${t}: cannot write the changelog: ${r.code??r.message}`)}}async function w(t){try{return await g(t,"utf8")}catch(n){if(n.code==="ENOENT")return"";throw new s(`${t}: cannot read the changelog: ${n.code??n.message}`)}}async function W(t,n){let e=await w(t),r=n.filter(i=>!d(e,i.version));return r.length===0?[]:(await $(t,u(e,r.map(i=>i.notes).join(`
`))),r.map(i=>i.version))}export{W as a};
