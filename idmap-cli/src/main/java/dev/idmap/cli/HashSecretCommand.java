package dev.idmap.cli;

import dev.idmap.service.security.SecretHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idmap hash-secret}: the hashed form of an API token or password that the configuration wants. */
@Command(
        name = "hash-secret",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a secret from stdin (an API token or a password; a trailing newline is dropped) and prints the form"
                    + " idmap's configuration wants: {sha256}<hex> for tokens, or with --bcrypt {bcrypt}… for"
                    + " passwords. The secret itself is never printed.",
            "Example: printf %%s \"$TOKEN\" | idmap hash-secret"
        })
public final class HashSecretCommand extends IdmapSubcommand {

    private final Environment environment;

    @Option(names = "--bcrypt", description = "a bcrypt hash (slow on purpose; for passwords)")
    boolean bcrypt;

    public HashSecretCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected ExitCode execute() throws IOException {
        var text = new String(environment.stdin().readAllBytes(), StandardCharsets.UTF_8);
        var secret = text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) {
            throw usage("no secret on stdin; e.g. printf %s \"$TOKEN\" | idmap hash-secret");
        }
        out().println(bcrypt ? SecretHash.bcrypt(secret) : SecretHash.sha256(secret));
        out().flush();
        return ExitCode.OK;
    }
}
