package io.flowanalyzer.portal.privacy;

import io.flowanalyzer.portal.cases.ActiveCase;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Pages that show records say so when identifiers are masked, and why. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
public class MaskingModel {
    private final IdentifierMasking masking;

    public MaskingModel(IdentifierMasking masking) {
        this.masking = masking;
    }

    @ModelAttribute("masked")
    public String masked(jakarta.servlet.http.HttpServletRequest request) {
        if (ActiveCase.current().isEmpty() || io.flowanalyzer.portal.system.ApiPaths.isApi(request)) {
            return null;
        }
        Masker masker = masking.current();
        return masker.active() ? masker.reason() : null;
    }
}
