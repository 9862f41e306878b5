package dev.idmap.service.security;

import dev.idmap.service.config.IdmapProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API's filter chain: stateless (no session, no cookie, no CSRF token: every call carries its Bearer token or
 * Basic credentials), authenticated by {@link CallerAuthentication}. It serves every path the console's chain
 * ({@code /console/**}, ordered before it) does not.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {

    public static final int ORDER = 10;

    @Bean
    @Order(ORDER)
    SecurityFilterChain apiFilterChain(HttpSecurity http, Callers callers, IdmapProperties properties)
            throws Exception {
        return http.securityMatcher("/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterBefore(
                        new CallerAuthentication(callers, properties.api().swaggerUiPublic()),
                        AnonymousAuthenticationFilter.class)
                .build();
    }
}
