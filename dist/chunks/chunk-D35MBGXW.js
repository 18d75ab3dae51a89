import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var i={pass:"\u2705",fail:"\u274C",warn:"\u26A0\uFE0F",skip:"\u23ED\uFE0F"},o={pass:"passed",fail:"failed",warn:"passed with warnings",skip:"skipped"};function a(t){return t.replace(/\|/g,"\\|").replace(/\r?\n/g," ")}function u(t){let e=t.file?`\`${t.file}${t.line?`:${t.line}`:""}\` `:"";return`- ${t.level==="failure"?"\u274C":t.level==="warning"?"\u26A0\uFE0F":"\u2139\uFE0F"} ${e}${t.message}`}function g(t,e){if(t.length===0)return"";let s=t.slice(0,e).map(u);return t.length>e&&s.push(`- \u2026 and ${t.length-e} more not shown`),s.join(`
`)}function p(t,e={}){let n=[`${e.heading??"###"} ${i[t.status]} ${t.gate}: ${t.title}`,t.summary.trim()],r=g(t.findings,e.findingLimit??20);return r&&n.push(r),n.filter(Boolean).join(`

`)}function c(t,e=[]){let s=[];if(t.length>1){s.push("| Gate | Status | Result |","| --- | --- | --- |");for(let n of t)s.push(`| ${a(n.gate)} | ${i[n.status]} ${o[n.status]} | ${a(n.title)} |`);s.push("")}for(let n of t)s.push(p(n),"");for(let n of e)s.push(`> ${n}`,"");return s.join(`
`).trimEnd()+`
`}export{a,c as b};
