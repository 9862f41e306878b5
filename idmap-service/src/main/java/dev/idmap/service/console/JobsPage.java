package dev.idmap.service.console;

import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.security.Caller;
import java.time.Clock;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The caller's jobs (an admin's: everyone's), newest first, with live progress for the running ones. */
@Controller
class JobsPage {

    static final int PAGE_SIZE = 20;

    private final JobQueue jobs;
    private final Clock clock;

    JobsPage(JobQueue jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @GetMapping("/console/jobs")
    String jobs(
            @RequestParam(name = "page", defaultValue = "0") int page,
            @AuthenticationPrincipal Caller caller,
            Model model) {
        var number = Math.max(0, page);
        var found = jobs.list(caller, null, number * PAGE_SIZE, PAGE_SIZE);
        var now = clock.instant();
        model.addAttribute("caller", caller);
        model.addAttribute(
                "jobs",
                found.jobs().stream().map(job -> JobSummary.of(job, now)).toList());
        model.addAttribute("page", number);
        model.addAttribute("hasNext", (long) (number + 1) * PAGE_SIZE < found.total());
        model.addAttribute("total", found.total());
        return "console/jobs";
    }
}
