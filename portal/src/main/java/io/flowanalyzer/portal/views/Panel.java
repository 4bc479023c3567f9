package io.flowanalyzer.portal.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flowanalyzer.portal.search.InvalidSearch;
import java.util.List;

/**
 * One panel of a dashboard: a {@code title}; what it draws, either {@code view} (a saved search or a
 * saved visualisation, by id, looked up as the viewer each time) or its own {@code visual} and
 * {@code search}; and its {@code width} in twelfths of the row. The dashboard's time range and filter
 * bar apply to every panel on top of the panel's own search.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Panel(String title, String view, Visual visual, SavedView.Search search, Integer width) {
    public static final List<Integer> WIDTHS = List.of(3, 4, 6, 8, 12);
    public static final int MAX_PANELS = 24;

    public int widthOr6() {
        return width == null ? 6 : width;
    }

    /** The panel as stored, or a sentence saying what is wrong with it. */
    Panel checked(int n) {
        String t = title == null ? "" : title.strip();
        if (t.length() > SavedView.MAX_TITLE) {
            throw new InvalidSearch("Panel " + n + ": a title is at most " + SavedView.MAX_TITLE + " characters.");
        }
        if (width != null && !WIDTHS.contains(width)) {
            throw new InvalidSearch(
                    "Panel " + n + ": a panel is 3, 4, 6, 8 or 12 twelfths of a row wide; not " + width + ".");
        }
        String v = view == null || view.isBlank() ? null : view.strip();
        if (v != null && !v.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw new InvalidSearch("Panel " + n + ": '" + io.flowanalyzer.portal.search.Filter.shorten(v)
                    + "' is not the id of a saved view.");
        }
        if (v == null && visual == null) {
            throw new InvalidSearch("Panel " + n + " needs a saved view or a visualisation to draw.");
        }
        if (search != null) {
            search.url();
        }
        try {
            return new Panel(t.isEmpty() ? null : t, v, visual == null ? null : visual.checked(), search, width);
        } catch (InvalidSearch e) {
            throw new InvalidSearch("Panel " + n + ": " + e.getMessage());
        }
    }
}
