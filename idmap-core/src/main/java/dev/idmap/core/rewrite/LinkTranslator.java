package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Translates links to Data Center sites into links to the Cloud site, through the product's recognisers
 * ({@link JiraLinks}, {@link ConfluenceLinks}). Links to other hosts are not candidates and are left alone silently;
 * a link on a source site is either translated or skipped with the reason.
 */
public final class LinkTranslator {

    private static final Pattern URL = Pattern.compile("(?i)https?://[^\\s\"'<>()\\[\\]{}|\\\\^`]+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?";
    private static final Pattern COMMENT_ANCHOR = Pattern.compile("#comment-([0-9]+)");

    private final IdMapping mapping;

    private final List<SourceSite> sources;
    private final Map<Product, String> cloudBases = new EnumMap<>(Product.class);
    private final JiraLinks jira;
    private final ConfluenceLinks confluence;

    /** One Cloud site for both products (Confluence under its {@code /wiki}). */
    public LinkTranslator(IdMapping mapping, List<SourceSite> sources, URI cloudBase) {
        this(mapping, sources, Map.of(Product.JIRA, cloudBase, Product.CONFLUENCE, cloudBase));
    }

    /** A Cloud site per product, for products migrated to different Cloud sites. */
    public LinkTranslator(IdMapping mapping, List<SourceSite> sources, Map<Product, URI> cloudBases) {
        this.mapping = mapping;
        this.sources = List.copyOf(sources);
        cloudBases.forEach((product, uri) -> {
            var base = uri.toString();
            this.cloudBases.put(product, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        });
        this.jira = new JiraLinks(mapping);
        this.confluence = new ConfluenceLinks(mapping);
    }

    /** The decision about one link, or empty when it is not a link to a source site. */
    public Optional<Decision> translate(String url) {
        var link = Link.parse(url).orElse(null);
        if (link == null) {
            return Optional.empty();
        }
        for (var source : sources) {
            var relative = source.relative(link);
            if (relative.isPresent()) {
                var form = source.product() == Product.JIRA
                        ? jira.translate(relative.get(), link.query())
                        : confluence.translate(relative.get(), link.query());
                return Optional.of(
                        switch (form) {
                            case LinkForm.Translated(var pathAndQuery, var what) ->
                                withFragment(
                                        url,
                                        cloudBases.get(source.product()) + pathAndQuery,
                                        link.fragment(),
                                        source.product(),
                                        what);
                            case LinkForm.Refused(var reason) -> new Decision.Skipped(url, reason);
                        });
            }
        }
        return Optional.empty();
    }

    /** A {@code #comment-N} anchor names a comment by its id, which is mapped too; other fragments stay. */
    private Decision withFragment(String url, String translated, String fragment, Product product, String what) {
        var anchor = COMMENT_ANCHOR.matcher(fragment);
        if (!anchor.matches()) {
            return new Decision.Replaced(url, translated + fragment, what);
        }
        var type = product == Product.JIRA ? EntityType.COMMENT : EntityType.CONFLUENCE_COMMENT;
        return switch (mapping.byId(type, anchor.group(1))) {
            case IdMapping.Mapped mapped ->
                new Decision.Replaced(url, translated + "#comment-" + mapped.cloudId(), what);
            case IdMapping.NotMapped(var reason) -> new Decision.Skipped(url, "its anchor: " + reason);
        };
    }

    /** The decisions about every link to a source site in a text. */
    public List<Edit> rewriteText(String text) {
        var edits = new ArrayList<Edit>();
        var matcher = URL.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            int end = withoutTrailingPunctuation(text, start, matcher.end());
            translate(text.substring(start, end)).ifPresent(decision -> edits.add(new Edit(start, end, decision)));
        }
        return edits;
    }

    private static int withoutTrailingPunctuation(String text, int start, int end) {
        while (end > start && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }
}
