import path from "node:path";

/**
 * A scanner's file reference as a repository-relative path with forward slashes, or undefined when it
 * points outside the repository (or is not a file at all), so that annotations are never misplaced.
 * `sourceRoot` is the absolute repository root that absolute paths and file: URIs are made relative to.
 */
export function repositoryPath(reference: string, sourceRoot?: string): string | undefined {
  let value = reference.trim();
  if (value === "") return undefined;
  if (/^file:/i.test(value)) {
    try {
      value = new URL(value).pathname;
    } catch {
      return undefined;
    }
  } else if (/^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    // Another URI scheme (https:, git:): no file in this checkout.
    return undefined;
  }
  try {
    value = decodeURIComponent(value);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  value = value.replace(/\\/g, "/");
  if (path.posix.isAbsolute(value)) {
    if (!sourceRoot) return undefined;
    const root = sourceRoot.replace(/\\/g, "/").replace(/\/+$/, "");
    if (!value.startsWith(root + "/")) return undefined;
    value = value.slice(root.length + 1);
  }
  const normal = path.posix.normalize(value).replace(/^(\.\/)+/, "");
  if (normal === "." || normal.startsWith("../") || normal === "..") return undefined;
  return normal;
}

/** A title fit for one line of a table or an annotation. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
