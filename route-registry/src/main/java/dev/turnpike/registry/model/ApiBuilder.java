package dev.turnpike.registry.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Builds an {@link Api}; see {@link Api#builder(String, String, String)} for the defaults. Not thread-safe; every
 * check happens in {@link #build()}.
 */
public final class ApiBuilder {
    private String id;
    private String name;
    private String version = "";
    private String owner;
    private String description = "";
    private Optional<String> host = Optional.empty();
    private String basePath;
    private String upstreamBasePath = "/";
    private Lifecycle lifecycle = Lifecycle.ACTIVE;
    private Optional<LocalDate> sunset = Optional.empty();
    private Optional<String> successor = Optional.empty();
    private Criticality criticality = Criticality.STANDARD;
    private ApiPolicies policies = ApiPolicies.NONE;
    private Optional<ApiSpec> spec = Optional.empty();
    private List<Target> targets = List.of();
    private List<Route> routes = List.of();

    ApiBuilder(String id, String owner, String basePath) {
        this.id = id;
        this.name = id;
        this.owner = owner;
        this.basePath = basePath;
    }

    ApiBuilder(Api a) {
        this(a.id(), a.owner(), a.basePath());
        name = a.name();
        version = a.version();
        description = a.description();
        host = a.host();
        upstreamBasePath = a.upstreamBasePath();
        lifecycle = a.lifecycle();
        sunset = a.sunset();
        successor = a.successor();
        criticality = a.criticality();
        policies = a.policies();
        spec = a.spec();
        targets = a.targets();
        routes = a.spec().isPresent() ? List.of() : a.routes();
    }

    public ApiBuilder id(String value) {
        id = value;
        return this;
    }

    public ApiBuilder name(String value) {
        name = value;
        return this;
    }

    public ApiBuilder version(String value) {
        version = value;
        return this;
    }

    public ApiBuilder owner(String value) {
        owner = value;
        return this;
    }

    public ApiBuilder description(String value) {
        description = value;
        return this;
    }

    /** The Host this API answers on; {@code null} for any host. */
    public ApiBuilder host(String value) {
        host = Optional.ofNullable(value);
        return this;
    }

    public ApiBuilder basePath(String value) {
        basePath = value;
        return this;
    }

    public ApiBuilder upstreamBasePath(String value) {
        upstreamBasePath = value;
        return this;
    }

    /** {@code ACTIVE} or {@code RETIRED}; clears sunset and successor. */
    public ApiBuilder lifecycle(Lifecycle value) {
        lifecycle = value;
        sunset = Optional.empty();
        successor = Optional.empty();
        return this;
    }

    /** {@link Lifecycle#DEPRECATED} with an optional sunset day and successor API id ({@code null} for none). */
    public ApiBuilder deprecated(LocalDate sunsetDay, String successorId) {
        lifecycle = Lifecycle.DEPRECATED;
        sunset = Optional.ofNullable(sunsetDay);
        successor = Optional.ofNullable(successorId);
        return this;
    }

    public ApiBuilder criticality(Criticality value) {
        criticality = value;
        return this;
    }

    public ApiBuilder policies(ApiPolicies value) {
        policies = value;
        return this;
    }

    /** The OpenAPI document ({@code null} for none); the routes then come from it, so routes are cleared. */
    public ApiBuilder spec(ApiSpec value) {
        spec = Optional.ofNullable(value);
        routes = List.of();
        return this;
    }

    public ApiBuilder targets(List<Target> value) {
        targets = value;
        return this;
    }

    public ApiBuilder routes(List<Route> value) {
        routes = value;
        return this;
    }

    /** @throws IllegalArgumentException as {@link Api}'s constructor */
    public Api build() {
        return new Api(id, name, version, owner, description, host, basePath, upstreamBasePath, lifecycle, sunset,
                successor, criticality, policies, spec, targets, routes);
    }
}
