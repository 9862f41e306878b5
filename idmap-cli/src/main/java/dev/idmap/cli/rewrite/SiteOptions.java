package dev.idmap.cli.rewrite;

import dev.idmap.core.model.Product;
import dev.idmap.core.rewrite.IdMapping;
import dev.idmap.core.rewrite.LinkTranslator;
import dev.idmap.core.rewrite.MappingReports;
import dev.idmap.core.rewrite.SourceSite;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options {@code rewrite} and {@code redirects} share: the mapping reports and the sites they translate between. */
public final class SiteOptions {

    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "REPORT.csv",
            description = "idmap's detailed or compatible report (Jira or Confluence); repeat for several")
    List<Path> mappings = new ArrayList<>();

    @Option(
            names = "--source-url",
            required = true,
            paramLabel = "[PRODUCT=]URL",
            description = "base URL of the Data Center site (with its context path); repeat for Jira and Confluence, "
                    + "prefixed jira= or confluence= when both mappings are given")
    List<String> sourceUrls = new ArrayList<>();

    @Option(
            names = "--destination-url",
            required = true,
            paramLabel = "CLOUD_URL",
            description = "the Cloud site, e.g. https://acme.atlassian.net")
    URI destinationUrl;

    /** Loaded once the options are parsed. */
    public record Loaded(IdMapping mapping, List<SourceSite> sources, URI destination, LinkTranslator links) {}

    public Loaded load(CommandSpec spec) {
        for (var file : mappings) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "--mapping: no such file " + file);
            }
        }
        IdMapping mapping;
        try {
            mapping = MappingReports.load(mappings);
        } catch (MappingReports.BadReport e) {
            throw new ParameterException(spec.commandLine(), "--mapping: " + e.getMessage());
        }
        if (destinationUrl.getHost() == null || destinationUrl.getScheme() == null) {
            throw new ParameterException(
                    spec.commandLine(), "--destination-url must be an absolute URL such as https://acme.atlassian.net");
        }
        var sources = new ArrayList<SourceSite>();
        for (var value : sourceUrls) {
            sources.add(source(spec, value, mapping));
        }
        return new Loaded(mapping, sources, destinationUrl, new LinkTranslator(mapping, sources, destinationUrl));
    }

    private static SourceSite source(CommandSpec spec, String value, IdMapping mapping) {
        int eq = value.indexOf('=');
        Product product;
        String url = value;
        if (eq > 0 && !value.substring(0, eq).contains(":")) {
            var name = value.substring(0, eq).toUpperCase(Locale.ROOT);
            try {
                product = Product.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "--source-url " + value + ": the prefix must be jira= or confluence=");
            }
            url = value.substring(eq + 1);
        } else if (mapping.products().size() == 1) {
            product = mapping.products().iterator().next();
        } else {
            throw new ParameterException(
                    spec.commandLine(),
                    "--source-url " + value + ": the mappings cover Jira and Confluence; say which this is, e.g. "
                            + "--source-url jira=" + value);
        }
        try {
            return SourceSite.of(product, url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--source-url " + value + " must be an absolute URL such as https://jira.example.com");
        }
    }
}
