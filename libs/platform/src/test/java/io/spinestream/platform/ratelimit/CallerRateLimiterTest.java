package io.spinestream.platform.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.spinestream.platform.auth.Roles;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerRateLimiterTest {

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private final CallerRateLimiter limiter = new CallerRateLimiter(limits(2, 3, 4, 5), clock::get);

    @Test
    void givenAPersonsToken_whenItSpendsItsBurst_thenItsNextRequestIsThrottledWithTheWaitForOneMore() {
        SecurityIdentity token = person("eyJ.token-one.sig", "clinician-1", Roles.CLINICIAN);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(token)).as("request %d", i + 1).isEmpty();
        }

        CallerRateLimiter.Throttled throttled = limiter.tryAcquire(token).orElseThrow();

        assertThat(throttled.kind()).isEqualTo(CallerRateLimiter.Kind.TOKEN);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(throttled.detail()).isEqualTo("too many requests with this token: at most 2 per second (3 at once)");
    }

    @Test
    void givenOneTokenOverItsLimit_whenAnotherTokenOfTheSamePersonCalls_thenTheOtherIsNotLimited() {
        SecurityIdentity first = person("eyJ.token-one.sig", "clinician-1", Roles.CLINICIAN);
        SecurityIdentity second = person("eyJ.token-two.sig", "clinician-1", Roles.CLINICIAN);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(first);
        }

        assertThat(limiter.tryAcquire(first)).isPresent();
        assertThat(limiter.tryAcquire(second)).isEmpty();
    }

    @Test
    void givenABelt_whenItSpendsItsBurstAcrossEndpoints_thenItIsThrottledByBeltWhicheverCredentialItUses() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(belt("SB-1"))).isEmpty();
        }

        CallerRateLimiter.Throttled throttled = limiter.tryAcquire(belt("SB-1")).orElseThrow();

        assertThat(throttled.kind()).isEqualTo(CallerRateLimiter.Kind.BELT);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMillis(250));
        assertThat(throttled.detail()).contains("belt SB-1");
        assertThat(limiter.tryAcquire(belt("SB-2"))).isEmpty();
    }

    @Test
    void givenAPersonsTokenWhoseSubjectIsABeltId_whenItIsOverItsLimit_thenTheBeltItNamesIsNotThrottled() {
        SecurityIdentity token = person("eyJ.token-three.sig", "SB-1", Roles.CLINICIAN);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(token);
        }
        assertThat(limiter.tryAcquire(token)).isPresent();

        assertThat(limiter.tryAcquire(belt("SB-1"))).isEmpty();
    }

    @Test
    void givenAnAnonymousCaller_whenItCallsAgainAndAgain_thenItIsNotCountedHere() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(anonymous)).isEmpty();
        }
    }

    @Test
    void givenAThrottledToken_whenTimePasses_thenItMayCallAgain() {
        SecurityIdentity token = person("eyJ.token-four.sig", "clinician-1", Roles.CLINICIAN);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(token);
        }
        assertThat(limiter.tryAcquire(token)).isPresent();

        clock.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.tryAcquire(token)).isEmpty();
    }

    @Test
    void givenTwoTokens_whenKeyed_thenEachHasAKeyOfItsOwnThatIsNotTheToken() {
        String key = CallerRateLimiter.tokenKey("eyJ.token-one.sig");

        assertThat(key).isEqualTo(CallerRateLimiter.tokenKey("eyJ.token-one.sig"))
                .isNotEqualTo(CallerRateLimiter.tokenKey("eyJ.token-two.sig"))
                .doesNotContain("token-one")
                .hasSize(22);
    }

    @Test
    void givenALimitOfNoRequests_whenTheLimiterIsCreated_thenTheSettingIsNamed() {
        assertThatThrownBy(() -> new CallerRateLimiter(limits(0, 3, 4, 5), clock::get))
                .hasMessageContaining("spinestream.rate-limit.token.requests-per-second");
        assertThatThrownBy(() -> new CallerRateLimiter(limits(2, 3, 4, 0), clock::get))
                .hasMessageContaining("spinestream.rate-limit.belt.burst");
    }

    private static SecurityIdentity person(String rawToken, String subject, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new Jwt(rawToken, subject)).addRole(role).build();
    }

    private static SecurityIdentity belt(String beltId) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(beltId)).addRole(Roles.BELT).build();
    }

    static RateLimitConfig limits(double tokenRate, int tokenBurst, double beltRate, int beltBurst) {
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Token token() {
                return new Token() {
                    @Override
                    public double requestsPerSecond() {
                        return tokenRate;
                    }

                    @Override
                    public int burst() {
                        return tokenBurst;
                    }
                };
            }

            @Override
            public Belt belt() {
                return new Belt() {
                    @Override
                    public double requestsPerSecond() {
                        return beltRate;
                    }

                    @Override
                    public int burst() {
                        return beltBurst;
                    }
                };
            }

            @Override
            public int maxTracked() {
                return 100;
            }
        };
    }

    /** A verified token as SmallRye JWT presents it: the raw token is one of its claims. */
    private record Jwt(String raw, String subject) implements JsonWebToken {
        @Override
        public String getName() {
            return subject;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of(Claims.raw_token.name(), Claims.sub.name());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) Map.of(Claims.raw_token.name(), raw, Claims.sub.name(), subject).get(claimName);
        }
    }
}
