package dev.idmap.service.console;

import dev.idmap.service.jobs.JobNotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The console's failures as pages a person can read (the API's stay JSON envelopes). */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(JobNotFound.class)
    String notFound(JobNotFound e, HttpServletResponse response, Model model) {
        return error(
                response,
                404,
                "Job not found",
                "Job " + e.jobId() + " was not found. The job ID may be incorrect or expired.",
                model);
    }

    @ExceptionHandler(JobPage.ReportNotAvailable.class)
    String reportGone(JobPage.ReportNotAvailable e, HttpServletResponse response, Model model) {
        return error(response, 404, "Report not available", e.getMessage(), model);
    }

    @ExceptionHandler(DetailedRows.ReportUnreadable.class)
    String unreadable(DetailedRows.ReportUnreadable e, HttpServletResponse response, Model model) {
        log.warn("{}", e.getMessage(), e);
        return error(response, 500, "Report unreadable", e.getMessage(), model);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badParameter(MethodArgumentTypeMismatchException e, HttpServletResponse response, Model model) {
        return error(
                response,
                400,
                "Bad request",
                "The value of " + e.getName() + " is not one this page knows: " + e.getValue() + ".",
                model);
    }

    private static String error(HttpServletResponse response, int status, String title, String message, Model model) {
        response.setStatus(status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "console/error";
    }
}
