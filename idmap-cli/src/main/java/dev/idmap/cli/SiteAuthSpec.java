package dev.idmap.cli;

import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Parses site credentials given on the command line without putting the secret itself there:
 * {@code basic:USER:SECRET} or {@code bearer:TOKEN}, where SECRET/TOKEN may be {@code env:NAME} (read from the
 * environment) or {@code file:PATH} (first line of the file). A literal secret is accepted too, for throwaway sites.
 */
final class SiteAuthSpec {

    private SiteAuthSpec() {}

    /** Where the spec came from: a literal secret is refused on the command line only. */
    enum Source {
        COMMAND_LINE,
        ENVIRONMENT
    }

    static SiteAuth parse(String spec, UnaryOperator<String> environment, Source source) {
        if (spec.startsWith("bearer:")) {
            return new SiteAuth.Bearer(secret(spec.substring("bearer:".length()), environment, source));
        }
        if (spec.startsWith("basic:")) {
            var rest = spec.substring("basic:".length());
            int colon = rest.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected basic:USER:SECRET");
            }
            return new SiteAuth.Basic(rest.substring(0, colon), secret(rest.substring(colon + 1), environment, source));
        }
        throw new IllegalArgumentException(
                "expected basic:USER:SECRET or bearer:TOKEN (SECRET may be env:NAME or " + "file:PATH)");
    }

    private static String secret(String value, UnaryOperator<String> environment, Source source) {
        if (value.startsWith("env:")) {
            var name = value.substring("env:".length());
            var secret = environment.apply(name);
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return secret;
        }
        if (value.startsWith("file:")) {
            var path = Path.of(value.substring("file:".length()));
            try {
                return Files.readAllLines(path).stream()
                        .findFirst()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .orElseThrow(() -> new IllegalArgumentException("the secret file " + path + " is empty"));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the secret file " + path + " (" + Failures.describe(e) + ")");
            }
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        if (source == Source.COMMAND_LINE) {
            throw new IllegalArgumentException("a secret in clear on the command line is visible to every user of this"
                    + " machine (ps, shell history): give it as env:NAME or file:PATH");
        }
        return value;
    }
}
