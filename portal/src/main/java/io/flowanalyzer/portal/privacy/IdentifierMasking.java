package io.flowanalyzer.portal.privacy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.flowanalyzer.model.Indices;
import io.flowanalyzer.portal.cases.ActiveCase;
import io.flowanalyzer.portal.cases.CaseFile;
import io.flowanalyzer.portal.cases.CaseProperties;
import io.flowanalyzer.portal.search.SearchFailures;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Decides, for the current request, whether subscriber identifiers are shown or masked: they are shown
 * only to a user whose role is entitled to them ({@code flowanalyzer.portal.cases.identifier-roles})
 * working in a case whose authority covers identities. Everyone else — and any request outside a
 * case — gets the {@link Masker}. The pseudonym key is made once and kept in {@code ipdr-objects}, so a
 * subscriber's pseudonym stays the same across restarts.
 */
@Component
public class IdentifierMasking {
    static final String KEY_ID = "setting:masking-key";

    private final ElasticsearchClient client;
    private final CaseProperties properties;
    private volatile byte[] key;

    public IdentifierMasking(ElasticsearchClient client, CaseProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** The masker for the current user in the current request's case. */
    public Masker current() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        Optional<CaseFile> inCase = ActiveCase.current();
        boolean entitledRole = who != null
                && who.getAuthorities().stream().anyMatch(a -> properties.identifierRoles().stream()
                        .anyMatch(r -> a.getAuthority().equals("ROLE_" + r)));
        if (!entitledRole) {
            return new Masker(key(), "Subscriber identifiers are masked: your role does not entitle you to see them.");
        }
        if (inCase.isEmpty()) {
            return new Masker(key(), "Subscriber identifiers are masked outside a case.");
        }
        if (!inCase.get().identifiers()) {
            return new Masker(
                    key(),
                    "Subscriber identifiers are masked: the authority for case "
                            + inCase.get().number() + " does not cover subscriber identities.");
        }
        return Masker.NONE;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = readOrMake();
                }
                k = key;
            }
        }
        return k;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private byte[] readOrMake() {
        try {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // when another start made the key first, theirs is read back
            io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(
                    client,
                    KEY_ID,
                    Map.of("type", "setting", "key", Base64.getEncoder().encodeToString(fresh)));
            GetResponse<Map> stored = client.get(g -> g.index(Indices.OBJECTS).id(KEY_ID), Map.class);
            return Base64.getDecoder().decode(String.valueOf(stored.source().get("key")));
        } catch (ElasticsearchException | IOException e) {
            throw SearchFailures.explain(e);
        }
    }
}
