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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            paramLabel = "[PRODUCT=]CLOUD_URL",
            description = "the Cloud site, e.g. https://acme.atlassian.net (Confluence under its /wiki); when Jira and"
                    + " Confluence went to different Cloud sites, give both, prefixed jira= and confluence=")
    List<String> destinationUrls = new ArrayList<>();

    /** Loaded once the options are parsed. */
    public record Loaded(
            IdMapping mapping, List<SourceSite> sources, Map<Product, URI> destinations, LinkTranslator links) {}

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
        var destinations = destinations(spec);
        var sources = new ArrayList<SourceSite>();
        for (var value : sourceUrls) {
            var source = source(spec, value, mapping);
            if (!destinations.containsKey(source.product())) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--destination-url: no Cloud site for " + source.product() + "; add --destination-url "
                                + source.product().name().toLowerCase(Locale.ROOT) + "=URL");
            }
            sources.add(source);
        }
        return new Loaded(mapping, sources, destinations, new LinkTranslator(mapping, sources, destinations));
    }

    /** {@code URL} for every product, or {@code jira=URL} / {@code confluence=URL} for one. */
    private Map<Product, URI> destinations(CommandSpec spec) {
        var destinations = new EnumMap<Product, URI>(Product.class);
        for (var value : destinationUrls) {
            var prefixed = prefix(value);
            URI url;
            try {
                url = URI.create(prefixed == null ? value : value.substring(value.indexOf('=') + 1));
            } catch (IllegalArgumentException e) {
                url = null;
            }
            if (url == null || url.getHost() == null || url.getScheme() == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--destination-url " + value + " must be an absolute URL such as https://acme.atlassian.net");
            }
            if (prefixed == null) {
                for (var product : Product.values()) {
                    destinations.putIfAbsent(product, url);
                }
            } else {
                destinations.put(productOf(spec, "--destination-url", value, prefixed), url);
            }
        }
        return destinations;
    }

    /** The {@code name} of {@code name=URL}, or null when the value is a plain URL. */
    private static String prefix(String value) {
        int eq = value.indexOf('=');
        return eq > 0 && !value.substring(0, eq).contains(":") ? value.substring(0, eq) : null;
    }

    private static Product productOf(CommandSpec spec, String option, String value, String prefix) {
        try {
            return Product.valueOf(prefix.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), option + " " + value + ": the prefix must be jira= or confluence=");
        }
    }

    private static SourceSite source(CommandSpec spec, String value, IdMapping mapping) {
        var prefixed = prefix(value);
        Product product;
        String url = value;
        if (prefixed != null) {
            product = productOf(spec, "--source-url", value, prefixed);
            url = value.substring(value.indexOf('=') + 1);
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
