import{createRequire as __shipgateRequire}from"node:module";const require=__shipgateRequire(import.meta.url);
var e=class extends Error{constructor(r){super(`${r} already exists`),this.name="AlreadyExistsError"}};export{e as a};
