package io.flowanalyzer.portal.users;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.flowanalyzer.model.Indices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The user store: accounts in {@code ipdr-objects}, read by Spring Security at every sign-in and, for
 * API clients, at every request (HTTP Basic). An account read is kept for {@link #FRESH}, so one request
 * does not read it several times (sign-in, its success event, the data scope); every change made here
 * forgets it at once, and a change made by another portal is seen within that time.
 */
@Service
public class UserAccounts implements UserDetailsService {
    static final java.time.Duration FRESH = java.time.Duration.ofSeconds(2);

    private final ElasticsearchClient client;
    private final io.flowanalyzer.portal.system.RecentReads<Optional<UserAccount>> recent =
            new io.flowanalyzer.portal.system.RecentReads<>(FRESH, 10_000);

    public UserAccounts(ElasticsearchClient client) {
        this.client = client;
    }

    public Optional<UserAccount> find(String name) {
        return recent.get(name, this::readNow);
    }

    private Optional<UserAccount> readNow(String name) {
        try {
            GetResponse<UserAccount> response =
                    client.get(g -> g.index(Indices.OBJECTS).id(UserAccount.documentId(name)), UserAccount.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read user " + name + " from Elasticsearch", e);
        }
    }

    /** Creates the account unless one of that name exists; true when it was created. */
    public boolean createIfAbsent(UserAccount account) {
        try {
            return io.flowanalyzer.portal.system.ObjectDocuments.createIfAbsent(
                    client, UserAccount.documentId(account.name()), account);
        } finally {
            recent.forget(account.name());
        }
    }

    /** Keeps the count of failed sign-ins in a row and the end of a lock (null: none). */
    public void recordFailures(String name, int failures, java.time.Instant lockedUntil) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("failed_logins", failures);
        fields.put("locked_until", lockedUntil == null ? null : lockedUntil.toString());
        update(name, fields);
    }

    /** Changes some fields of an account's document, visible to the next read at once. */
    public void update(String name, java.util.Map<String, Object> fields) {
        try {
            client.update(
                    u -> u.index(Indices.OBJECTS)
                            .id(UserAccount.documentId(name))
                            .doc(fields)
                            .refresh(Refresh.True),
                    java.util.Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update user " + name + " in Elasticsearch", e);
        } finally {
            recent.forget(name); // a read that raced the write is not kept either
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(account.name())
                .password(account.passwordHash())
                .authorities(account.roles().stream()
                        .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList())
                .accountLocked(account.lockedAt(java.time.Instant.now()))
                .build();
    }
}
