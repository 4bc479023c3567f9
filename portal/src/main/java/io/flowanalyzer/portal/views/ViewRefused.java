package io.flowanalyzer.portal.views;

/** A saved-view request that cannot be met, with the HTTP status it answers and a sentence. */
public class ViewRefused extends RuntimeException {
    private final int status;

    public ViewRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ViewRefused notFound(String id) {
        return new ViewRefused(
                404,
                "There is no saved view '" + io.flowanalyzer.portal.search.Filter.shorten(id)
                        + "', or it is not shared with you.");
    }
}
