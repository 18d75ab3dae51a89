import { UserError } from "../core/errors.ts";
import type { Counter } from "./model.ts";

/** What the XML report parsers (Cobertura, Clover, JaCoCo) receive from the tag scanner (xml-scan.ts). */
export interface XmlHandler {
  /** An element opened; `parent` is the enclosing element's name, `depth` 1 for the root. */
  open(name: string, attributes: XmlAttributes, parent: string | undefined, depth: number): void;
  close(name: string, depth: number): void;
  /** Whether the next text node is wanted (decoding text nobody reads is skipped). */
  wantsText(): boolean;
  text(text: string): void;
  /** An element the handler takes, in its usual spelling, without the attribute accessors (optional). */
  numericElement?: XmlNumericElement;
}

/**
 * The one element that makes up nearly all of a report (Cobertura's `<line number="12" hits="3"/>`), in the
 * spelling producers write: the scanner recognises exactly `<name first="digits" second="digits"/>` (one space
 * before each attribute, double quotes, nothing else in the tag) inside the root element, and calls `element`
 * instead of `open` and `close`, with the two values read straight from the bytes. Any other spelling of the
 * element (more attributes, another order, single quotes, references, other whitespace, a tag that a read buffer
 * cuts) goes through `open` and `close` as usual: the handler must treat both ways alike.
 */
export interface XmlNumericElement {
  readonly name: string;
  readonly first: string;
  readonly second: string;
  /** `parent` is the enclosing element's name, `depth` the element's own (2 or more). */
  element(first: number, second: number, parent: string, depth: number): void;
}

/** The attributes of the element just opened; valid only during the `open` call. */
export interface XmlAttributes {
  get(name: string): string | undefined;
  /** A numeric attribute: undefined when absent; anything but a non-negative number is an error. */
  number(name: string): number | undefined;
  /** Whether the attribute is present with exactly this (decoded) value; compares bytes, creates no string. */
  is(name: string, expected: string): boolean;
  /**
   * The counts of the last "(covered/total)" in the value, as in Cobertura's condition-coverage="50% (1/2)",
   * written into `into`; false when absent or not two integers with covered <= total. Read from the
   * bytes into a caller's object: nothing is allocated per attribute.
   */
  ratio(name: string, into: Counter): boolean;
  /** Every attribute, decoded (for tests and diagnostics; handlers use get/number). */
  all(): Record<string, string>;
}

/** Where the scanner is, so that handlers can name the line in their errors. */
export class XmlLocation {
  readonly displayName: string;
  lineOf: () => number = () => 0;

  constructor(displayName: string) {
    this.displayName = displayName;
  }

  fail(message: string): never {
    throw new UserError(`${this.displayName}:${this.lineOf()}: ${message}`);
  }
}
