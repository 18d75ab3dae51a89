// The light build of bottleneck (no clustering), the one @octokit/plugin-throttling bundles; same API as the full one.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
