package dev.idmap.service.console;

import dev.idmap.service.security.ApiSecurity;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
import dev.idmap.service.security.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's filter chain ({@code /console/**}): a form sign-in with the API's credentials, then a browser session
 * (cookie, CSRF token on every form). It is ordered before the API's stateless chain, which never sees a session.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    /** Only the console's own scripts, styles and images; no inline script, no other origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    @Bean
    @Order(ApiSecurity.ORDER - 1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/console/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/console/login", "/console/assets/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/console/login")
                        .defaultSuccessUrl("/console/jobs", false)
                        .failureUrl("/console/login?error"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new CallerAttribute(), AuthorizationFilter.class)
                .build();
    }

    /** Signs in with a Basic user name and its password or API token, or a caller's name and one of its tokens. */
    @Bean
    AuthenticationProvider consoleSignIn(Callers callers) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                var user = authentication.getName();
                var secret = authentication.getCredentials() == null
                        ? null
                        : authentication.getCredentials().toString();
                var caller = callers.signIn(user, secret).orElseThrow(() -> {
                    log.info("console sign-in refused");
                    return new BadCredentialsException("incorrect name or secret");
                });
                var authorities = caller.admin()
                        ? List.of(new SimpleGrantedAuthority("ROLE_CALLER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                        : List.of(new SimpleGrantedAuthority("ROLE_CALLER"));
                return UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** Puts the signed-in caller where the API puts its callers, so that the access log names both alike. */
    private static final class CallerAttribute extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                request.setAttribute(CallerAuthentication.CALLER, caller);
            }
            chain.doFilter(request, response);
        }
    }
}
