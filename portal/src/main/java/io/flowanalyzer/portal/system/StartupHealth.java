package io.flowanalyzer.portal.system;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Out of service until the application is ready: the web server answers before the start-up work that
 * follows it (the admin account on a fresh data directory, the shipped views) is done, and a client that
 * took that first answer for "up" was refused sign-in.
 */
@Component("startup")
public class StartupHealth implements HealthIndicator, ApplicationListener<ApplicationReadyEvent> {
    private volatile boolean ready;

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ready = true;
    }

    @Override
    public Health health() {
        return ready
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("reason", "starting: accounts and shipped views are being set up")
                        .build();
    }
}
