package dev.idmap.cli.client;

import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import dev.idmap.cli.IdmapSubcommand;
import java.io.UncheckedIOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The base of the commands that talk to a running service. What the service answers becomes an exit code: it
 * cannot be reached, or refuses the credentials (401, 403): 4; it refuses the request as invalid (400): 2; any other
 * error (404 no such job, 409 not finished yet): 1 — always with the service's message, never a stack trace.
 */
public abstract class ClientCommand extends IdmapSubcommand {

    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    protected final Environment environment;

    @Mixin
    ServiceOptions service;

    @Option(names = "--json", description = "print the service's JSON answer instead of text")
    protected boolean json;

    protected ClientCommand(Environment environment) {
        this.environment = environment;
    }

    protected abstract ExitCode run(IdmapClient client) throws Exception;

    @Override
    protected final ExitCode execute() throws Exception {
        var client = service.client(spec, environment);
        try {
            return run(client);
        } catch (ApiException e) {
            throw new CommandFailure(exitCode(e), "the service answered " + e.status() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(
                    ExitCode.UNREACHABLE,
                    e.getMessage() + " (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private static ExitCode exitCode(ApiException e) {
        return switch (e.status()) {
            case 401, 403 -> ExitCode.UNREACHABLE;
            case 400 -> ExitCode.USAGE;
            default -> ExitCode.FAILED;
        };
    }

    protected void printJson(JsonNode node) {
        out().println(PRETTY.writeValueAsString(node));
        out().flush();
    }
}
