package io.flowanalyzer.portal.search;

/** One cell of the results table: its text, a smaller second line, a tooltip, and whether the search matched it. */
public record Cell(String text, String sub, String title, boolean hit) {
    public static Cell of(String text) {
        return new Cell(text, null, null, false);
    }

    public Cell withSub(String sub, String title) {
        return new Cell(text, sub, title, hit);
    }

    public Cell hit(boolean hit) {
        return new Cell(text, sub, title, hit);
    }
}
