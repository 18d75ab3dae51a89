/** The conventionalcommits preset ships no types; the tests use only its parser options. */
declare module "conventional-changelog-conventionalcommits" {
  import type { ParserOptions } from "conventional-commits-parser";
  export default function createPreset(config?: Record<string, unknown>): { parser: ParserOptions };
}
