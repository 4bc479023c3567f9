package io.flowanalyzer.portal.search;

/** A search that cannot run as stated; the message is a sentence for the investigator. */
public class InvalidSearch extends RuntimeException {
    public InvalidSearch(String message) {
        super(message);
    }
}
