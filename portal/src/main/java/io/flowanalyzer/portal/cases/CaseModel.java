package io.flowanalyzer.portal.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's header names the case the user is working in (or invites them to choose one). */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class CaseModel {
    /** A page reached without a case it may use (an export of a closed case, say) sends the user to the Cases page (the API's refusal is ApiErrors', which comes first). */
    @org.springframework.web.bind.annotation.ExceptionHandler(CaseRequired.class)
    public String noCase(CaseRequired e, HttpServletRequest request) {
        request.getSession().setAttribute(CaseInterceptor.WHY, e.getMessage());
        return "redirect:/cases";
    }

    private final ActiveCase cases;

    public CaseModel(ActiveCase cases) {
        this.cases = cases;
    }

    @ModelAttribute("workingCase")
    public String workingCase(HttpServletRequest request) {
        if (io.flowanalyzer.portal.system.ApiPaths.isApi(request)) {
            return null; // the API renders no page
        }
        if (request.getAttribute(ActiveCase.ATTRIBUTE) instanceof CaseFile file) {
            return file.number();
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ActiveCase.CHOSEN) instanceof String chosen) {
            return chosen;
        }
        java.security.Principal user = request.getUserPrincipal();
        return user == null ? null : cases.preferred(user.getName());
    }
}
