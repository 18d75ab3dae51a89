import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
import"./chunk-HDS7IAFS.js";var g=`

\u2026 (cut to fit a comment; the job summary and the check run have everything)`;function l(t,r){let n=`${t}
${r}`;if(n.length<=65e3)return n;let e=n.slice(0,65e3-g.length);return e.slice(0,Math.max(e.lastIndexOf(`
`),t.length))+g}async function h(t,r,n){let{owner:e,repo:s,issue:a,marker:o}=r,c=l(o,n);for(let i=1;i<=50;i++){let{data:u}=await t.rest.issues.listComments({owner:e,repo:s,issue_number:a,per_page:100,page:i}),m=u.find(d=>d.body?.startsWith(o));if(m)return{action:"updated",url:(await t.rest.issues.updateComment({owner:e,repo:s,comment_id:Number(m.id),body:c})).data.html_url};if(u.length<100)break}return{action:"created",url:(await t.rest.issues.createComment({owner:e,repo:s,issue_number:a,body:c})).data.html_url}}export{l as stickyBody,h as upsertStickyComment};
