package dev.idmap.service.api;

import dev.idmap.core.model.Product;
import dev.idmap.service.config.Sites;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a trigger body and says, for every problem, what is wrong. Unknown sites are refused here, before any request leaves. */
final class TriggerValidation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record TriggerRequest(Product product, String sourceURL, String destinationURL) {}

    private TriggerValidation() {}

    static TriggerRequest parse(String body, Sites sites) {
        if (body == null || body.isBlank()) {
            throw ApiException.validation(
                    "Request body is required: a JSON object with product, sourceURL and destinationURL");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.validation("Request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation(
                    "Request body must be a JSON object with product, sourceURL and destinationURL");
        }
        var errors = new ArrayList<String>();
        Product product = null;
        var productNode = node.get("product");
        if (productNode != null && productNode.isString()) {
            var value = productNode.asString();
            if (value.equals("JIRA") || value.equals("CONFLUENCE")) {
                product = Product.valueOf(value);
            }
        }
        if (product == null) {
            errors.add(ApiException.PRODUCT_MUST_BE);
        }
        var source = url(node, "sourceURL", errors);
        var destination = url(node, "destinationURL", errors);
        if (source != null && destination != null && source.equals(destination)) {
            errors.add("sourceURL and destinationURL must be different sites");
        }
        if (source != null && isCloud(source)) {
            errors.add("sourceURL " + source + " is an Atlassian Cloud site: the source is the Server/Data Center site,"
                    + " the destination the Cloud site");
        }
        if (destination != null && !isCloud(destination)) {
            errors.add(
                    "destinationURL " + destination + " is not an Atlassian Cloud site (https://<site>.atlassian.net)");
        }
        if (product != null) {
            site(sites, "sourceURL", source, product, errors);
            site(sites, "destinationURL", destination, product, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new TriggerRequest(product, source, destination);
    }

    private static String url(JsonNode node, String field, List<String> errors) {
        var value = node.get(field);
        if (value == null
                || value.isNull()
                || (value.isString() && value.asString().isBlank())) {
            errors.add(field + " is required");
            return null;
        }
        if (!value.isString()) {
            errors.add(field + " must be a string");
            return null;
        }
        var url = value.asString();
        if (!url.startsWith("https://")) {
            errors.add(field + " must be an https:// URL, e.g. https://jira.company.com");
            return null;
        }
        if (url.endsWith("/")) {
            errors.add(field + " must not end with a trailing slash");
            return null;
        }
        try {
            var uri = new URI(url);
            if (uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || uri.getUserInfo() != null) {
                errors.add(field + " must be a base URL such as https://jira.company.com (no query, fragment or user)");
                return null;
            }
        } catch (URISyntaxException e) {
            errors.add(field + " is not a valid URL");
            return null;
        }
        return url;
    }

    /** Atlassian Cloud sites live under atlassian.net (and the older jira.com); Data Center sites never do. */
    static boolean isCloud(String url) {
        var host = URI.create(url).getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(java.util.Locale.ROOT);
        return host.endsWith(".atlassian.net") || host.endsWith(".jira.com");
    }

    private static void site(Sites sites, String field, String url, Product product, List<String> errors) {
        if (url == null) {
            return;
        }
        var site = sites.byUrl(url);
        if (site.isEmpty()) {
            errors.add(
                    field + " " + url
                            + " is not a configured site: idmap contacts only the sites listed in its configuration (idmap.sites)");
        } else if (site.get().product() != product) {
            errors.add(field + " " + url + " is configured as a " + site.get().product() + " site, not " + product);
        }
    }
}
