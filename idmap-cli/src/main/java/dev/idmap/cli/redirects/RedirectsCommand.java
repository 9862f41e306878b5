package dev.idmap.cli.redirects;

import dev.idmap.cli.BuildVersion;
import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.ExitCode;
import dev.idmap.cli.IdmapSubcommand;
import dev.idmap.cli.rewrite.SiteOptions;
import dev.idmap.core.rewrite.RedirectRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idmap redirects}: a redirect map from old Data Center links to Cloud links, for nginx, Apache or as CSV. */
@Command(
        name = "redirects",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a redirect map of old Data Center links (pages, blog posts, spaces, attachments, issues, projects,"
                    + " filters, boards, dashboards) to their Cloud links, for the web server that keeps the old host"
                    + " name. The service can answer the same redirects itself: GET /redirect/{site}/<old path>."
        },
        footer = {"", "Exit codes: 0 done, 1 the map could not be written, 2 bad usage."})
public final class RedirectsCommand extends IdmapSubcommand {

    @Mixin
    SiteOptions sites;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "nginx|apache|csv",
            description = "nginx (a map of $request_uri), apache (mod_rewrite rules) or csv")
    RedirectFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "write the map here (default: stdout)")
    Path output;

    @Override
    protected ExitCode execute() {
        var loaded = sites.load(spec);
        var rules = RedirectRules.of(loaded.mapping(), loaded.sources(), loaded.destinations());
        var pairs = loaded.sources().stream()
                .map(s -> s.baseUrl() + " -> " + loaded.destinations().get(s.product()))
                .toList();
        var header = "idmap " + BuildVersion.version() + " redirects: " + rules.size() + " rules, "
                + String.join(", ", pairs);
        var text = format.write(header, rules);
        if (output == null) {
            out().print(text);
            out().flush();
        } else {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailure(ExitCode.FAILED, "cannot write " + output + ": " + e.getMessage());
            }
        }
        err().println("idmap redirects: " + rules.size() + " rules" + (output == null ? "" : " in " + output));
        err().flush();
        return ExitCode.OK;
    }
}
