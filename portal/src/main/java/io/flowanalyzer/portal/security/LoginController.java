package io.flowanalyzer.portal.security;

import io.flowanalyzer.portal.PortalProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page with the login banner. */
@Controller
public class LoginController {
    private final PortalProperties properties;

    public LoginController(PortalProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("banner", properties.loginBanner());
        return "login";
    }
}
