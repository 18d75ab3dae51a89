export { startSimulator, expectNoViolations } from "./server.ts";
export type { Simulator, SimulatorOptions, RequestRecord, Violation, TokenAccess } from "./server.ts";
export { faults } from "./faults.ts";
export type { Fault, FaultSpec } from "./faults.ts";
export { HttpError, notFound, validationFailed } from "./route.ts";
export type { RouteContext, RouteHandler, RouteResult, RouteTable, GraphqlResolver, GraphqlRequest, Urls } from "./route.ts";
export { SimulatorState, RepoState, Table } from "./state.ts";
export type * from "./state.ts";
