package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.ReportIds;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The redirect rules for a decommissioned Data Center host: every old link form of every matched page, blog post,
 * space, attachment, issue, project, filter, board and dashboard, with its Cloud link. Each rule's target comes from
 * the {@link LinkTranslator}, so a redirect and a rewritten link never disagree.
 *
 * <p>Issues and projects keep their keys in Cloud: their {@code /browse/} and {@code /projects/} links are one prefix
 * rule each. Blog posts' dated {@code /display/KEY/yyyy/mm/dd/Title} links need the posting day, which the reports do
 * not carry; the service's redirect endpoint answers them from the title.
 */
public final class RedirectRules {

    /** A rule: the old path and query on the source host (context path included), and the Cloud link. */
    public sealed interface Rule permits Exact, Prefix {
        String from();

        String to();

        String what();
    }

    /** This exact path and query. */
    public record Exact(String from, String to, String what) implements Rule {}

    /** Every path under {@code from}: the rest of the path (and the query) is appended to {@code to}. */
    public record Prefix(String from, String to, String what) implements Rule {}

    private RedirectRules() {}

    public static List<Rule> of(IdMapping mapping, List<SourceSite> sources, Map<Product, URI> cloudBases) {
        var translator = new LinkTranslator(mapping, sources, cloudBases);
        var rules = new ArrayList<Rule>();
        for (var source : sources) {
            var base = source.baseUrl().toString();
            var context = source.contextPath();
            var candidates = new Candidates(translator, base, context, rules);
            if (source.product() == Product.JIRA) {
                jira(mapping, candidates);
            } else {
                confluence(mapping, candidates);
            }
        }
        return rules;
    }

    private static void jira(IdMapping mapping, Candidates candidates) {
        candidates.prefix("/browse/", "ABC-1", "jira:issue and jira/classic:project (keys are kept)");
        candidates.prefix("/projects/", "ABC", "jira/classic:project (keys are kept)");
        for (var row : sorted(mapping, EntityType.FILTER)) {
            candidates.exact("/issues/?filter=" + row.serverId());
            candidates.exact("/secure/IssueNavigator.jspa?requestId=" + row.serverId());
        }
        for (var row : sorted(mapping, EntityType.BOARD)) {
            candidates.exact("/secure/RapidBoard.jspa?rapidView=" + row.serverId());
        }
        for (var row : sorted(mapping, EntityType.DASHBOARD)) {
            candidates.exact("/secure/Dashboard.jspa?selectPageId=" + row.serverId());
        }
    }

    private static void confluence(IdMapping mapping, Candidates candidates) {
        for (var row : sorted(mapping, EntityType.SPACE)) {
            if (row.serverKey() != null) {
                candidates.exact("/display/" + Link.encode(row.serverKey()));
                candidates.exact("/spaces/viewspace.action?key=" + Link.encode(row.serverKey()));
            }
        }
        for (var type : List.of(EntityType.PAGE, EntityType.BLOG_POST)) {
            for (var row : sorted(mapping, type)) {
                candidates.exact("/pages/viewpage.action?pageId=" + row.serverId());
                if (type == EntityType.PAGE && row.serverKey() != null && row.container() != null) {
                    candidates.exact("/display/" + Link.encode(row.container()) + "/" + Link.encode(row.serverKey()));
                }
                candidates.prefix(
                        "/download/attachments/" + row.serverId() + "/", "file", type.namespace() + " attachments");
            }
        }
    }

    private static List<IdMapping.Row> sorted(IdMapping mapping, EntityType type) {
        return mapping.matched(type).stream()
                .sorted(Comparator.comparing(
                                (IdMapping.Row row) -> ReportIds.numericValue(row.serverId()),
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(IdMapping.Row::serverId))
                .toList();
    }

    /** Old links of one source site, translated; those the translator refuses (e.g. an unmatched space) are left out. */
    private record Candidates(LinkTranslator translator, String base, String context, List<Rule> rules) {

        void exact(String pathAndQuery) {
            var decision = translator.translate(base + pathAndQuery);
            if (decision.isPresent() && decision.get() instanceof Decision.Replaced replaced) {
                rules.add(new Exact(context + pathAndQuery, replaced.replacement(), replaced.what()));
            }
        }

        /** A prefix rule, its target found by translating one sample link under it. */
        void prefix(String pathPrefix, String sample, String what) {
            var decision = translator.translate(base + pathPrefix + sample);
            if (decision.isPresent() && decision.get() instanceof Decision.Replaced replaced) {
                var to = replaced.replacement();
                if (to.endsWith(sample)) {
                    rules.add(new Prefix(context + pathPrefix, to.substring(0, to.length() - sample.length()), what));
                }
            }
        }
    }
}
