import{createRequire as __shipgateRequire}from"node:module";const __shipgateBuiltin=process.getBuiltinModule??__shipgateRequire(import.meta.url),require=__shipgateBuiltin;
import{b as t}from"./chunk-3AKTP77O.js";var o={pass:"PASS",fail:"FAIL",warn:"WARN",skip:"SKIP"};function g(n,a={}){let e=[`${o[n.status]} ${t(n.gate)}: ${t(n.title)}`];for(let i of a.details??[])e.push(`  ${t(i)}`);let s=a.findingLimit??20;for(let i of n.findings.slice(0,s)){let f=i.file?`${i.file}${i.line?`:${i.line}`:""}: `:"";e.push(`  ${i.level}: ${t(f)}${t(i.message)}`)}return n.findings.length>s&&e.push(`  \u2026 and ${n.findings.length-s} more findings`),e.join(`
`)+`
`}export{g as a};
