import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var f={pass:"PASS",fail:"FAIL",warn:"WARN",skip:"SKIP"};function l(n,s={}){let t=[`${f[n.status]} ${n.gate}: ${n.title}`];for(let i of s.details??[])t.push(`  ${i}`);let e=s.findingLimit??20;for(let i of n.findings.slice(0,e)){let a=i.file?`${i.file}${i.line?`:${i.line}`:""}: `:"";t.push(`  ${i.level}: ${a}${i.message}`)}return n.findings.length>e&&t.push(`  \u2026 and ${n.findings.length-e} more findings`),t.join(`
`)+`
`}export{l as a};
