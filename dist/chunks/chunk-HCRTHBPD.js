import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
function a(h,r){let t=[...h],s=[...r],e=0,l=0,n=-1,i=0;for(;l<s.length;)if(e<t.length&&(t[e]==="?"||t[e]===s[l]))e++,l++;else if(e<t.length&&t[e]==="*")n=e++,i=l;else if(n>=0)e=n+1,l=++i;else return!1;for(;e<t.length&&t[e]==="*";)e++;return e===t.length}export{a};
