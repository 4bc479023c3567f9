package io.flowanalyzer.portal.security;

import io.flowanalyzer.portal.PortalProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page with the login banner. */
@Controller
public class LoginController {
    private final PortalProperties properties;
    private final LoginPolicy policy;

    public LoginController(PortalProperties properties, LoginPolicy policy) {
        this.properties = properties;
        this.policy = policy;
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("banner", properties.loginBanner());
        model.addAttribute("lockMinutes", policy.lockout().toMinutes());
        model.addAttribute("maxFailures", policy.maxFailures());
        return "login";
    }
}
