package io.flowanalyzer.portal.search;

/** The search engine could not answer (down, or the search took too long); the message is a sentence. */
public class SearchUnavailable extends RuntimeException {
    public SearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
