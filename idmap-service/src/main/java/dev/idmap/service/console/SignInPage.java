package dev.idmap.service.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security's form login handles its POST. */
@Controller
class SignInPage {

    /** A person who opens idmap's address lands on the console (the API has no resource at the root). */
    @GetMapping(path = "/", produces = org.springframework.http.MediaType.TEXT_HTML_VALUE)
    String root() {
        return "redirect:/console/jobs";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/jobs";
    }

    @GetMapping("/console/login")
    String signIn() {
        return "console/login";
    }
}
