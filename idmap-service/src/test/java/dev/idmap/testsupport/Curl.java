package dev.idmap.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code curl} binary, as a user following Atlassian's documentation would. */
public final class Curl {

    private Curl() {}

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Result run(Path workingDirectory, String... args) {
        try {
            var command = new java.util.ArrayList<String>();
            command.add("curl");
            command.add("-sS");
            command.addAll(List.of(args));
            var process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .start();
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("curl did not finish: " + command);
            }
            return new Result(
                    process.exitValue(),
                    new String(stdout, StandardCharsets.UTF_8),
                    new String(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("curl is needed for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
