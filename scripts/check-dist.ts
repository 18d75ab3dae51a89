import { distDifferences } from "./dist-diff.ts";

const differences = await distDifferences();
if (differences.length > 0) {
  console.error(`dist/ is out of date with src/ (run npm run build and commit): ${differences.join(", ")}`);
  process.exit(1);
}
console.log("dist/ is current");
