import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var s={SHIPGATE_HTTP_TIMEOUT_MS:"timeoutMs",SHIPGATE_HTTP_RETRIES:"retries",SHIPGATE_RETRY_AFTER_BASE_MS:"retryAfterBaseMs"};function o(n){let e={};for(let[i,r]of Object.entries(s)){let t=n[i]?.trim();t&&/^\d{1,9}$/.test(t)&&(e[r]=Number(t))}return e}export{o as a};
