package dev.idmap.service.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security's form login handles its POST. */
@Controller
class SignInPage {

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/jobs";
    }

    @GetMapping("/console/login")
    String signIn() {
        return "console/login";
    }
}
