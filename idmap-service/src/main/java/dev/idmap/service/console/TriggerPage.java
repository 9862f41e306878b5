package dev.idmap.service.console;

import dev.idmap.core.model.Product;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.TriggerRateExceeded;
import dev.idmap.service.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Starts a job on a pair of configured sites, chosen by name, through the same job queue as the API: the console
 * offers only the sites idmap may contact, and the same per-caller trigger rate applies. The same sites triggered again while their job is active give
 * that job back, as in the API.
 */
@Controller
class TriggerPage {

    private final JobQueue jobs;
    private final Sites sites;

    TriggerPage(JobQueue jobs, Sites sites) {
        this.jobs = jobs;
        this.sites = sites;
    }

    /** The form's choices do not name a valid pair of sites; one message per problem. */
    private static final class Invalid extends RuntimeException {
        private final List<String> errors;

        Invalid(List<String> errors) {
            super(String.join(" ", errors));
            this.errors = List.copyOf(errors);
        }
    }

    /** A site in the form's lists; a Cloud site is preselected as the destination, another as the source. */
    record SiteOption(String name, String product, String url, boolean cloud) {
        static SiteOption of(IdmapProperties.Site site) {
            return new SiteOption(
                    site.name(), site.product().name(), site.url(), site.url().endsWith(".atlassian.net"));
        }
    }

    @GetMapping("/console/trigger")
    String form(@AuthenticationPrincipal Caller caller, Model model) {
        return page(caller, model, null, null, null, List.of());
    }

    @PostMapping("/console/trigger")
    String trigger(
            @RequestParam(name = "product", required = false) String productName,
            @RequestParam(name = "source", required = false) String sourceName,
            @RequestParam(name = "destination", required = false) String destinationName,
            @AuthenticationPrincipal Caller caller,
            Model model,
            RedirectAttributes redirect) {
        JobQueue.Triggered triggered;
        try {
            triggered = jobs.trigger(caller, () -> target(productName, sourceName, destinationName));
        } catch (Invalid e) {
            return page(caller, model, productName, sourceName, destinationName, e.errors);
        } catch (TriggerRateExceeded e) {
            var wait = "Too many jobs triggered: try again in " + e.retryAfter().toSeconds() + " s.";
            return page(caller, model, productName, sourceName, destinationName, List.of(wait));
        }
        redirect.addFlashAttribute(
                "notice",
                triggered.alreadyActive()
                        ? "A job for these sites was already running: here it is."
                        : "Job triggered.");
        return "redirect:/console/jobs/" + triggered.job().jobId();
    }

    /** The sites the form names, checked as the API checks a trigger: configured, of the product, different. */
    private JobQueue.Target target(String productName, String sourceName, String destinationName) {
        var errors = new ArrayList<String>();
        var product = product(productName);
        if (product.isEmpty()) {
            errors.add("Choose the product: Jira or Confluence.");
        }
        var source = site(sourceName, product, "source", errors);
        var destination = site(destinationName, product, "destination", errors);
        if (source.isPresent() && source.equals(destination)) {
            errors.add("The source and the destination must be different sites.");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new JobQueue.Target(
                product.get(), source.get().url(), destination.get().url());
    }

    private String page(
            Caller caller, Model model, String product, String source, String destination, List<String> errors) {
        var options = sites.all().stream().map(SiteOption::of).toList();
        model.addAttribute("caller", caller);
        model.addAttribute("products", Product.values());
        model.addAttribute("sites", options);
        model.addAttribute("selectedProduct", product == null ? firstProduct(options) : product);
        model.addAttribute("selectedSource", source != null ? source : firstName(options, false));
        model.addAttribute("selectedDestination", destination != null ? destination : firstName(options, true));
        model.addAttribute("errors", errors);
        return "console/trigger";
    }

    private static String firstName(List<SiteOption> options, boolean cloud) {
        return options.stream()
                .filter(o -> o.cloud() == cloud)
                .map(SiteOption::name)
                .findFirst()
                .orElse(null);
    }

    private static String firstProduct(List<SiteOption> options) {
        return options.isEmpty() ? Product.JIRA.name() : options.getFirst().product();
    }

    private static Optional<Product> product(String name) {
        for (var product : Product.values()) {
            if (product.name().equals(name)) {
                return Optional.of(product);
            }
        }
        return Optional.empty();
    }

    private Optional<IdmapProperties.Site> site(
            String name, Optional<Product> product, String role, List<String> errors) {
        if (name == null || name.isBlank()) {
            errors.add("Choose the " + role + " site.");
            return Optional.empty();
        }
        var site = sites.byName(name);
        if (site.isEmpty()) {
            errors.add("The " + role + " site " + name + " is not configured.");
            return Optional.empty();
        }
        if (product.isPresent() && site.get().product() != product.get()) {
            errors.add("The " + role + " site " + name + " is a " + site.get().product() + " site, not " + product.get()
                    + ".");
            return Optional.empty();
        }
        return site;
    }
}
