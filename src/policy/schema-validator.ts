/**
 * The policy schema's compiled validator. Run from source (tests, scripts), Ajv compiles it on first use; the
 * build (scripts/build.ts) puts in its place the same validator compiled ahead of time with these options (Ajv's
 * standalone code), so that an action does not spend its start compiling the schema: that compile was most of a
 * run's time.
 */
import { Ajv2020, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import { policySchema } from "./schema.ts";

export const POLICY_VALIDATOR_OPTIONS: Options = { allErrors: true, useDefaults: true, strict: true, verbose: true };

export function policyValidator(): ValidateFunction {
  return new Ajv2020(POLICY_VALIDATOR_OPTIONS).compile(policySchema);
}
