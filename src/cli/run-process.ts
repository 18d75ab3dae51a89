/** The CLI in this process: its arguments, standard streams, environment and exit code. Loaded by src/cli.ts once the Node version is known to be supported. */
import { EXIT } from "../core/errors.ts";
import { runCli } from "./main.ts";

/**
 * A standard stream that cannot be written must end the process with one line, not an unhandled 'error' event
 * and its stack trace: a reader that went away (`shipgate ... | head`) ends it quietly with the verdict's code,
 * any other failure (a full disk) is named on stderr and exits 3.
 */
function endOnWriteFailure(stream: NodeJS.WriteStream, name: "stdout" | "stderr"): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    if (name === "stdout") process.stderr.write(`shipgate: cannot write to standard output: ${error.code ?? error.message}\n`);
    process.exit(EXIT.externalError);
  });
}

endOnWriteFailure(process.stdout, "stdout");
endOnWriteFailure(process.stderr, "stderr");

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
});
